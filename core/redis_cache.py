"""Django's Redis cache, with one Redis client per connection pool instead of one per call.

Django's `RedisCacheClient.get_client` builds a new `redis.Redis` for every cache call, and
each one fills a table of ~170 response callbacks: a warm dashboard makes about seven cache
calls, and a profile showed the client set-ups costing more than the Redis round trips.
A `redis.Redis` over a connection pool is safe to share (each command takes a connection
from the pool, which also starts afresh in a forked worker), so one per pool is kept.
"""

from django.core.cache.backends import redis as django_redis


class RedisCacheClient(django_redis.RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class RedisCache(django_redis.RedisCache):
    """settings.CACHES' BACKEND "core.redis_cache.RedisCache": Django's, reusing clients."""

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = RedisCacheClient
