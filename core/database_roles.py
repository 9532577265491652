"""Two database roles: migrations run as an owner, the application as a role that owns nothing.

The application's role is not a superuser and owns no table, so it cannot ALTER, DROP or TRUNCATE a
table, disable or drop a trigger, or ``SET session_replication_role = replica``; it has only the
privileges :mod:`core.database` lists (SELECT and INSERT alone on the append-only ledger, history and
access-log tables). The owner role owns the schema and is used only by ``manage.py migrate`` (and by
the test suite's set-up and flushing). docs/decisions.md, "Two database roles", says why.

Configuration, read by the settings through :func:`database_settings`:

- ``DATABASE_URL`` and ``DATABASE_OWNER_URL`` both set: the first is the application's role, the
  second the owner's; both roles exist already (a real server: docs/setup.md says how to create them).
- ``DATABASE_URL`` only, naming a superuser (the embedded PostgreSQL, a developer's local server, a
  one-off migrate job): the roles ``<database>_owner`` and ``<database>_app`` are derived from it and
  created when missing; the application connects as ``<database>_app``. Their passwords come from
  ``DATABASE_OWNER_PASSWORD`` and ``DATABASE_APP_PASSWORD`` (none: for servers that trust local
  connections). ``manage.py migrate`` then makes ``<database>_owner`` own the database and everything
  in it.
- ``DATABASE_URL`` only, naming an ordinary role: that role is used for everything, as before (a check
  warns that the application then owns its tables).

Which applies is decided once per process when the settings load, by asking the server whether the
``DATABASE_URL`` user is a superuser (one short connection).
"""

from __future__ import annotations

import contextlib
import logging

import environ
from django.core.exceptions import ImproperlyConfigured

log = logging.getLogger(__name__)

OWNER_SUFFIX = "_owner"
APP_SUFFIX = "_app"
CREDENTIALS = ("USER", "PASSWORD", "HOST", "PORT", "OPTIONS")

# What each derived role may do. The owner may create databases so that the test suite can create its
# own; the application may do nothing but log in.
OWNER_ATTRIBUTES = "LOGIN NOSUPERUSER CREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS NOINHERIT"
APP_ATTRIBUTES = "LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS NOINHERIT"


def credentials(config: dict) -> dict:
    found = {key: config.get(key) or "" for key in CREDENTIALS}
    found["OPTIONS"] = dict(config.get("OPTIONS") or {})
    return found


def connect_params(config: dict, *, dbname: str | None = None) -> dict:
    """psycopg keyword arguments for a Django database configuration (or credentials plus NAME)."""
    params = {"dbname": dbname or config["NAME"], "user": config.get("USER") or "postgres",
              "connect_timeout": 10}
    options = dict(config.get("OPTIONS") or {})
    host = config.get("HOST") or options.pop("host", "")
    if host:
        params["host"] = host
    if config.get("PORT"):
        params["port"] = str(config["PORT"])
    if config.get("PASSWORD"):
        params["password"] = config["PASSWORD"]
    return params


def connect(config: dict, *, dbname: str | None = None):
    import psycopg

    return psycopg.connect(**connect_params(config, dbname=dbname), autocommit=True)


def role_names(database: str) -> tuple[str, str]:
    return f"{database}{OWNER_SUFFIX}", f"{database}{APP_SUFFIX}"


def _is_superuser(config: dict) -> bool:
    import psycopg

    error = None
    for dbname in (config["NAME"], "postgres"):  # the database itself may not exist yet
        try:
            with connect(config, dbname=dbname) as conn:
                return bool(conn.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
                            .fetchone()[0])
        except psycopg.OperationalError as exc:
            error = exc
    raise ImproperlyConfigured(
        f"Could not connect to DATABASE_URL to find out whether its user is a superuser: {error}. "
        "Set DATABASE_OWNER_URL as well to name the two roles without asking the server (docs/setup.md)."
    )


def database_settings(env: environ.Env) -> dict:
    """``DATABASES["default"]`` for the application, with the roles under ``ROLES``: ``app`` and
    ``owner`` (credentials), and ``admin`` (the superuser's, when the roles are derived; else None)."""
    config = env.db("DATABASE_URL")
    owner_url = env("DATABASE_OWNER_URL", default="")
    if owner_url:
        owner = environ.Env.db_url_config(owner_url)
        config["ROLES"] = {"app": credentials(config), "owner": credentials(owner), "admin": None}
        return config
    if not _is_superuser(config):
        config["ROLES"] = {"app": credentials(config), "owner": credentials(config), "admin": None}
        return config
    admin = credentials(config)
    owner_name, app_name = role_names(config["NAME"])
    owner = {**admin, "USER": owner_name, "PASSWORD": env("DATABASE_OWNER_PASSWORD", default="")}
    app = {**admin, "USER": app_name, "PASSWORD": env("DATABASE_APP_PASSWORD", default="")}
    config["ROLES"] = {"app": app, "owner": owner, "admin": admin}
    config.update(app)
    ensure_roles(config, only_missing=True)
    return config


# --- with the superuser's credentials (derived roles only) ------------------------------------------

def ensure_roles(config: dict, *, only_missing: bool = False) -> None:
    """Create the owner and application roles, or (unless ``only_missing``) reset their attributes and
    passwords to what they should be. Needs the superuser's credentials (``ROLES["admin"]``)."""
    import psycopg
    from psycopg import sql

    roles = config["ROLES"]
    with connect({**config, **roles["admin"]}, dbname="postgres") as conn:
        for role, attributes in ((roles["owner"], OWNER_ATTRIBUTES), (roles["app"], APP_ATTRIBUTES)):
            exists = conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", [role["USER"]]).fetchone()
            if exists and only_missing:
                continue
            password = sql.Literal(role["PASSWORD"]) if role["PASSWORD"] else sql.SQL("NULL")
            statement = sql.SQL("{} ROLE {} WITH {} PASSWORD {}").format(
                sql.SQL("ALTER" if exists else "CREATE"), sql.Identifier(role["USER"]), sql.SQL(attributes),
                password)
            try:
                conn.execute(statement)
            except (psycopg.errors.DuplicateObject, psycopg.errors.UniqueViolation):
                pass  # another process (a parallel test worker) created it a moment ago
        # The application's role is a member of nothing: it must not inherit or SET ROLE to the owner.
        for (member_of,) in conn.execute(
                "SELECT g.rolname FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid "
                "JOIN pg_roles u ON u.oid = m.member WHERE u.rolname = %s", [roles["app"]["USER"]]).fetchall():
            conn.execute(sql.SQL("REVOKE {} FROM {}").format(sql.Identifier(member_of),
                                                              sql.Identifier(roles["app"]["USER"])))


def prepare_database(config: dict) -> None:
    """Make the owner role own the database and everything our migrations made in it (a database
    migrated before the roles were split belongs to the superuser), creating the database if it does
    not exist. Needs the superuser's credentials."""
    from psycopg import sql

    roles = config["ROLES"]
    owner = roles["owner"]["USER"]
    admin = {**config, **roles["admin"]}
    ensure_roles(config)
    with connect(admin, dbname="postgres") as conn:
        current = conn.execute("SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = %s",
                               [config["NAME"]]).fetchone()
        if current is None:
            conn.execute(sql.SQL("CREATE DATABASE {} OWNER {}").format(sql.Identifier(config["NAME"]),
                                                                        sql.Identifier(owner)))
        elif current[0] != owner:
            conn.execute(sql.SQL("ALTER DATABASE {} OWNER TO {}").format(sql.Identifier(config["NAME"]),
                                                                          sql.Identifier(owner)))
    with connect(admin) as conn:
        conn.execute(sql.SQL("GRANT USAGE, CREATE ON SCHEMA public TO {}").format(sql.Identifier(owner)))
        conn.execute("REVOKE CREATE ON SCHEMA public FROM PUBLIC")  # PostgreSQL before 15 allowed it
        # Tables, views and free-standing sequences (a table's own sequences follow the table), then
        # functions: everything in the schema not owned by the owner and not part of an extension.
        foreign = conn.execute("""
            SELECT c.relkind, c.oid::regclass::text FROM pg_class c
             WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')
               AND pg_get_userbyid(c.relowner) <> %(owner)s
               AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass
                                  AND d.objid = c.oid AND d.deptype IN ('e', 'a', 'i'))
             ORDER BY c.relkind DESC""", {"owner": owner}).fetchall()
        keyword = {"r": "TABLE", "p": "TABLE", "v": "VIEW", "m": "MATERIALIZED VIEW", "S": "SEQUENCE",
                   "f": "FOREIGN TABLE"}
        for kind, name in foreign:
            conn.execute(sql.SQL("ALTER {} {} OWNER TO {}").format(sql.SQL(keyword[kind]), sql.SQL(name),
                                                                   sql.Identifier(owner)))
        functions = conn.execute("""
            SELECT p.oid::regprocedure::text FROM pg_proc p
             WHERE p.pronamespace = 'public'::regnamespace AND pg_get_userbyid(p.proowner) <> %(owner)s
               AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass
                                  AND d.objid = p.oid AND d.deptype = 'e')""", {"owner": owner}).fetchall()
        for (signature,) in functions:
            conn.execute(sql.SQL("ALTER ROUTINE {} OWNER TO {}").format(sql.SQL(signature), sql.Identifier(owner)))


def hand_test_database_to_owner(config: dict, test_name: str) -> None:
    """A test database left by an earlier run that the superuser created: give it to the owner role,
    which creates (and drops) the test databases."""
    from psycopg import sql

    roles = config["ROLES"]
    if not roles.get("admin"):
        return
    with connect({**config, **roles["admin"]}, dbname="postgres") as conn:
        current = conn.execute("SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = %s",
                               [test_name]).fetchone()
        if current and current[0] != roles["owner"]["USER"]:
            conn.execute(sql.SQL("ALTER DATABASE {} OWNER TO {}").format(
                sql.Identifier(test_name), sql.Identifier(roles["owner"]["USER"])))


# --- switching a Django connection between the roles -------------------------------------------------

def current_role(connection) -> str:
    roles = connection.settings_dict.get("ROLES")
    if not roles:
        return "app"
    mine = credentials(connection.settings_dict)
    return "owner" if mine == credentials(roles["owner"]) and mine != credentials(roles["app"]) else "app"


def use_role(connection, role: str) -> None:
    """Point ``connection`` at ``role`` ("app" or "owner"), closing it first if that changes anything.
    Not inside a transaction: the connection is closed."""
    roles = connection.settings_dict.get("ROLES")
    if not roles:
        return
    wanted = credentials(roles[role])
    if credentials(connection.settings_dict) == wanted:
        return
    if connection.in_atomic_block:
        raise RuntimeError(f"Cannot switch the database connection to the {role} role inside a transaction")
    connection.close()
    connection.settings_dict.update(wanted)


@contextlib.contextmanager
def as_role(connection, role: str):
    """Run the block with ``connection`` connected as ``role``; then as before."""
    before = current_role(connection)
    use_role(connection, role)
    try:
        yield
    finally:
        use_role(connection, before)
