# One image for the web server, the Celery worker and Celery beat (docker-compose.yml).
# Production settings: configuration comes from the environment at run time (SECRET_KEY,
# ALLOWED_HOSTS, DATABASE_URL, REDIS_URL, ...); nothing secret is built into the image.

# --- front-end packages (GOV.UK Frontend), exactly as package-lock.json pins them ---------------
FROM node:20-bookworm-slim AS assets
WORKDIR /build
COPY package.json package-lock.json .npmrc ./
RUN npm ci --no-audit --no-fund --loglevel=error

# --- the application ----------------------------------------------------------------------------
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    DJANGO_SETTINGS_MODULE=config.settings.production \
    UV_VERSION=0.13.9

# WeasyPrint's libraries and a font; poppler-utils for pdftotext in operators' checks.
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core fonts-liberation2 poppler-utils \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /app

# Exactly the versions in requirements.lock (the same file bin/run and bin/test install from).
COPY requirements.lock ./
RUN pip install --no-cache-dir "uv==${UV_VERSION}" \
    && uv pip sync --system --no-cache requirements.lock \
    && pip uninstall -y uv

COPY --from=assets /build/node_modules ./node_modules
COPY . .

# Static files are collected into the image; WhiteNoise serves them. collectstatic needs settings
# to load but connects to nothing, so placeholders are enough here (with DATABASE_OWNER_URL set, the
# settings do not ask the server which roles to use: core/database_roles.py).
RUN DATABASE_URL=postgres://build@localhost/build DATABASE_OWNER_URL=postgres://build@localhost/build \
    REDIS_URL=redis://localhost:6379/0 \
    SECRET_KEY=collectstatic-only-placeholder-not-used-at-run-time ALLOWED_HOSTS=localhost \
    python manage.py collectstatic --noinput -v 0

RUN useradd --system --uid 10001 --home-dir /app --shell /usr/sbin/nologin app \
    && mkdir -p /app/var/media /app/var/celery \
    && chown -R app:app /app/var
USER app

EXPOSE 8000
CMD ["gunicorn", "config.wsgi", "--bind", "0.0.0.0:8000", "--workers", "2", "--worker-class", "gthread", \
     "--threads", "4", "--preload", \
     "--access-logfile", "-", "--no-control-socket"]
