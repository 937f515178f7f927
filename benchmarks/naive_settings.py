"""Settings of the naive DRF baseline (benchmarks/naive_api.py): the app's, with that baseline's URLs.

Same middleware, database, throttles and renderers as the app, so that only the view differs;
one middleware more puts the number of queries in an `X-Query-Count` header.
"""

from config.settings import *  # noqa: F403  # the app's settings, env-driven as in production
from config.settings import MIDDLEWARE

ROOT_URLCONF = "benchmarks.naive_api"
MIDDLEWARE = ["benchmarks.naive_api.count_queries", *MIDDLEWARE]
