FROM python:3.12-slim
ENV PYTHONUNBUFFERED=1 PIP_DISABLE_PIP_VERSION_CHECK=1
RUN apt-get update && apt-get install -y --no-install-recommends \
      libpango-1.0-0 libpangoft2-1.0-0 libcairo2 gettext fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY pyproject.toml README.md ./
RUN pip install --no-cache-dir .
COPY . .
# Static files are collected with DEBUG off, so whitenoise's manifest (hashed names) is
# there: production settings refuse to render a page without it. The key is build-only.
RUN DEBUG=1 python manage.py compilemessages --ignore=.venv \
    && DEBUG=0 SECRET_KEY=collectstatic-build-only python manage.py collectstatic --noinput
# Run as an unprivileged user; the named volumes take the ownership of these folders.
RUN useradd --system --uid 1000 --home-dir /app portal \
    && mkdir -p /data/media /data/beat /data/backups && chown -R portal /data
USER portal
EXPOSE 8000
CMD ["gunicorn", "strategy_portal.wsgi", "--bind", "0.0.0.0:8000", "--workers", "4"]
