FROM python:3.12-slim
RUN apt-get update && apt-get install -y --no-install-recommends \
      libpango-1.0-0 libpangoft2-1.0-0 gettext fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY pyproject.toml README.md ./
RUN pip install --no-cache-dir .
COPY . .
RUN DEBUG=1 python manage.py compilemessages --ignore=.venv \
    && DEBUG=1 python manage.py collectstatic --noinput
EXPOSE 8000
