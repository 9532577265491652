"""Settings shared by every environment. Everything that differs between machines comes from
environment variables (django-environ); nothing secret is written here."""

from pathlib import Path

import environ

from core.database_roles import database_settings

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()

SECRET_KEY = env("SECRET_KEY", default="insecure-local-development-key-not-for-production")
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    # Before simple_history: core's clean_old_history and clean_duplicate_history take the place of
    # simple_history's, which would delete change history (core/management/commands/).
    "core",
    "simple_history",
    "axes",
    "govuk_frontend_django",
    "people",
    "ledger",
    "documents",
    "audit",
    "deputyship",
    "charging",
    "deferred_payments",
    "debt_recovery",
    "properties",
    "config.apps.SiteConfig",  # the top: manage.py seed_demo runs every app's demo step
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "core.middleware.NoStoreMiddleware",
    "core.middleware.RequestIdMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Before any view or CSRF check reads the body (process_view runs after every __call__).
    "core.body_limit.RequestBodyLimitMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "core.middleware.ActorMiddleware",
    "core.middleware.LoginRequiredMiddleware",
    "core.middleware.ReadOnlyRoleMiddleware",
    "audit.middleware.RecordAccessMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "config.context_processors.navigation",
            ],
        },
    },
]

# The application's role and the owner role that migrations run as (core/database_roles.py).
DATABASES = {"default": database_settings(env)}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "my-work"
LOGOUT_REDIRECT_URL = "login"

# Sessions end after 30 minutes without a request, and when the browser closes.
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=30 * 60)
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

# Failed-login lockout: five failures for the same username from the same address locks it for
# 30 minutes; a team leader or administrator can reset it sooner with `manage.py axes_reset`.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = 0.5  # hours
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
# As well as one username at one address, failures are counted per address across every username (one
# machine trying many accounts) and per username across every address (one account tried from many
# machines), each with a higher limit of its own (core.login_throttle; docs/decisions.md). The lockout
# page and the API's 429 say how long is left (core.login_throttle.lockout_response).
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "ip_address", "username"]
AXES_HANDLER = "core.login_throttle.LoginThrottleHandler"
AXES_LOCKOUT_CALLABLE = "core.login_throttle.lockout_response"
LOGIN_FAILURE_LIMIT_PER_ADDRESS = env.int("LOGIN_FAILURE_LIMIT_PER_ADDRESS", default=20)
LOGIN_FAILURE_LIMIT_PER_USERNAME = env.int("LOGIN_FAILURE_LIMIT_PER_USERNAME", default=10)
# How many reverse proxies stand in front of the web server and append to X-Forwarded-For (the TLS proxy
# in production: 1). The sign-in counters take the client's address from there (core.login_throttle).
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
AXES_CLIENT_IP_CALLABLE = "core.login_throttle.client_address"

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True
DATE_INPUT_FORMATS = ["%d/%m/%Y", "%Y-%m-%d", "%d %m %Y"]

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "var" / "staticfiles"
STATICFILES_DIRS = [
    BASE_DIR / "static",
    ("govuk-frontend", BASE_DIR / "node_modules" / "govuk-frontend"),
]
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "var" / "media")
MEDIA_URL = "media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
# Uploaded files (evidence for an assessment) are kept under MEDIA_ROOT, which nothing serves: they
# are read only through the documents download page, which checks who may see them and logs it.
# Larger files are refused as they arrive (documents.uploads).
DOCUMENT_UPLOAD_MAX_BYTES = env.int("DOCUMENT_UPLOAD_MAX_BYTES", default=10 * 1024 * 1024)
# Any request declaring a larger body is refused before it is read (core.body_limit): the largest
# file we take is a 50 MB bank statement.
MAX_REQUEST_BODY_BYTES = env.int("MAX_REQUEST_BODY_BYTES", default=55 * 1024 * 1024)

REDIS_URL = env("REDIS_URL")
CELERY_BROKER_URL = REDIS_URL
CELERY_RESULT_BACKEND = None
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TIMEZONE = TIME_ZONE
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True

CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "core.authentication.BasicAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["core.rules.RulePermission"],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "core.pagination.StrictLimitOffsetPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "core.api.exception_handler",
    # JSON only: no browsable HTML API, so every answer (errors included) is in the documented shape.
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Adult social care finance API",
    "DESCRIPTION": (
        "Clients, contacts and the work around them. Same permissions as the pages.\n\n"
        "**Errors** are always JSON: `{\"code\", \"message\", \"errors\"}`, where `errors` (bad input only) gives "
        "each field's problems as a list of sentences, a nested field named by its path (`address.postcode`, "
        "`postings[1].amount`).\n\n"
        "**Paging**: `limit` 1 to 200 (default 50), `offset` 0 to 10,000,000; anything else is a 400 naming "
        "the parameter.\n\n"
        "Answers are `Cache-Control: private, no-store`. See docs/api.md."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.IsAuthenticated"],
    # Swagger UI and ReDoc from our own static files: no third-party CDN on a council network.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # Choice sets that share a field name ("kind") get names of their own in the schema.
    "ENUM_NAME_OVERRIDES": {
        "PropertyCertificateKindEnum": "properties.lettings.choices.CertificateKind",
        "PropertyInventoryDecisionEnum": "properties.clearance.choices.Decision",
        "PropertyInventoryItemStatusEnum": "properties.clearance.choices.ItemStatus",
        "PropertyRepairStatusEnum": "properties.repairs.choices.RepairStatus",
        "PropertyRepairUrgencyEnum": "properties.repairs.choices.Urgency",
        "DeputyshipReferralUrgencyEnum": "deputyship.referrals.choices.Urgency",
        "PropertySaleStatusEnum": "properties.sale.choices.SaleStatus",
        "PropertySaleOfferStatusEnum": "properties.sale.choices.OfferStatus",
        "PropertyCertificateKindEnum": "properties.lettings.choices.CertificateKind",
        "AddressKindEnum": "people.choices.AddressKind",
        "ContactKindEnum": "people.choices.ContactKind",
        "MoneyInCategoryEnum": "ledger.choices.MoneyInCategory",
        "MoneyOutCategoryEnum": "ledger.choices.MoneyOutCategory",
        "DeputyshipIncomeKindEnum": "deputyship.schedule.choices.IncomeKind",
        "DeputyshipBillKindEnum": "deputyship.schedule.choices.BillKind",
        "DeputyshipFrequencyEnum": "deputyship.schedule.choices.Frequency",
        "DeputyshipPaymentRunStatusEnum": "deputyship.payruns.choices.RunStatus",
        "DeputyshipPaymentRunLineStatusEnum": "deputyship.payruns.choices.LineStatus",
        "DebtorKindEnum": "debt_recovery.accounts.choices.DebtorKind",
        "HoldReasonEnum": "debt_recovery.holds.choices.HoldReason",
        "LadderStepKindEnum": "debt_recovery.ladder.choices.StepKind",
        "WriteOffReasonEnum": "debt_recovery.writeoffs.choices.WriteOffReason",
        "WriteOffStatusEnum": "debt_recovery.writeoffs.choices.WriteOffStatus",
        "ClaimStatusEnum": "debt_recovery.court.choices.ClaimStatus",
        "EnforcementKindEnum": "debt_recovery.court.choices.EnforcementKind",
        "EstateStatusEnum": "debt_recovery.court.choices.EstateStatus",
        "PanelOutcomeEnum": "debt_recovery.panel.choices.PanelOutcome",
        "PanelStatusEnum": "debt_recovery.panel.choices.PanelStatus",
        "BacsReportKindEnum": "debt_recovery.bacs_reports.choices.ReportKind",
        "DirectDebitFrequencyEnum": "debt_recovery.directdebits.choices.Frequency",
        "CollectionStatusEnum": "debt_recovery.directdebits.choices.CollectionStatus",
        "MandateStatusEnum": "debt_recovery.directdebits.choices.MandateStatus",
        "BacsFileKindEnum": "debt_recovery.directdebits.choices.BacsFileKind",
        "SuspenseStatusEnum": "debt_recovery.payments.choices.SuspenseStatus",
        "RefundStatusEnum": "debt_recovery.payments.choices.RefundStatus",
        "PlanFrequencyEnum": "debt_recovery.plans.choices.Frequency",
        "PlanStatusEnum": "debt_recovery.plans.choices.PlanStatus",
        "DebtPaymentMethodEnum": "debt_recovery.payments.choices.Method",
        "StatementRunStatusEnum": "debt_recovery.statements.choices.RunStatus",
        "DeputyshipFeeKindEnum": "deputyship.fees.choices.FeeKind",
        "DeputyshipReturnStatusEnum": "deputyship.returns.choices.ReturnStatus",
        "DeputyshipGrantKindEnum": "deputyship.death.choices.GrantKind",
        "DeputyshipLifeEventKindEnum": "deputyship.lifeevents.choices.LifeEventKind",
        "DeputyshipInvestmentKindEnum": "deputyship.lifeevents.choices.InvestmentKind",
        "DeputyshipCherishedDocumentKindEnum": "deputyship.lifeevents.choices.DocumentKind",
        "DeputyshipBenefitOutcomeEnum": "deputyship.lifeevents.choices.BenefitOutcome",
        "DeputyshipFuneralPlanOutcomeEnum": "deputyship.lifeevents.choices.FuneralPlanOutcome",
        "DpaAgreementStatusEnum": "deferred_payments.agreements.choices.AgreementStatus",
        "DpaRateKindEnum": "deferred_payments.agreements.choices.RateKind",
        "DpaCompoundingEnum": "deferred_payments.agreements.choices.Compounding",
        "DpaDayBasisEnum": "deferred_payments.agreements.choices.DayBasis",
        "DpaStatementKindEnum": "deferred_payments.statements.choices.StatementKind",
        "DpaStatementRequestStatusEnum": "deferred_payments.statements.choices.RequestStatus",
    },
}

# Content-Security-Policy (django-csp): scripts, styles, images and fonts from our own origin only; no
# inline script or event handler anywhere (tests/core/test_web_edges.py checks every template). The API
# docs pages loosen style-src for the inline styles their libraries inject (config/urls.py).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}

SIMPLE_HISTORY_HISTORY_CHANGE_REASON_USE_TEXT_FIELD = True
SIMPLE_HISTORY_REVERT_DISABLED = True

# The named system user that scheduled jobs and management commands act as.
SYSTEM_USERNAME = "system"

# An April uplift giving new assessments to more people than this is confirmed by a second charging
# team leader (maker-checker) before it is committed.
CHARGING_UPLIFT_SECOND_APPROVAL_ABOVE = env.int("CHARGING_UPLIFT_SECOND_APPROVAL_ABOVE", default=250)

# The largest single amount the ledger takes, in pounds: a larger one is refused as a slip (a house
# sold for a deferred payment is the largest real sum we expect).
LEDGER_MAX_AMOUNT = env.str("LEDGER_MAX_AMOUNT", default="5000000.00")
# A payment out of a client's funds above this many pounds is held until a second client affairs
# officer releases it, as a possible duplicate is. A receipt an officer records by hand is not
# available to spend until a second officer confirms it or a bank statement line matches it.
CLIENT_MONEY_SECOND_PERSON_ABOVE = env.str("CLIENT_MONEY_SECOND_PERSON_ABOVE", default="1000.00")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    "loggers": {"axes": {"level": "WARNING"}, "weasyprint": {"level": "WARNING"}, "fontTools": {"level": "WARNING"}},
}
WHITENOISE_ROOT = BASE_DIR / "node_modules" / "govuk-frontend" / "dist" / "govuk"  # GOV.UK Frontend CSS asks for /assets/...


# The council as a Bacs service user, for direct debits (debt_recovery.directdebits): its service user
# number (SUN), the name Bacs shows payers (at most 18 characters) and the account the collections are
# paid into. The defaults are placeholders; each council sets its own from the environment.
DIRECT_DEBITS = {
    "SERVICE_USER_NUMBER": env("DD_SERVICE_USER_NUMBER", default="999123"),
    "SERVICE_USER_NAME": env("DD_SERVICE_USER_NAME", default="YOUR COUNCIL ASC"),
    "SORT_CODE": env("DD_SORT_CODE", default="200000"),
    "ACCOUNT_NUMBER": env("DD_ACCOUNT_NUMBER", default="12345678"),
    # Advance notice before each collection, in working days (the Direct Debit Guarantee: "normally 10").
    "NOTICE_WORKING_DAYS": env.int("DD_NOTICE_WORKING_DAYS", default=10),
}
