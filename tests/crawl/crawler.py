"""A breadth-first crawler over the Django test client: pages, links and what each holds.

Only GET. Which links to follow is a policy (`Policy`): the crawl skips what changes state
or leaves the app (sign-out, language switch), keeps the admin to its index and change
lists, and bounds itself (a page cap, a few query strings per path, thirty pages per view,
one CSV export per plan).
"""

from collections import Counter, deque
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urldefrag, urljoin, urlsplit

from django.urls import Resolver404, resolve

HOST = "testserver"
MAX_QUERIES_PER_PATH = 4
# Many pages of one kind (a follow-up per action and year) say little more than the first
# thirty; the page budget goes further across kinds.
MAX_PAGES_PER_VIEW = 30
SKIPPED_PREFIXES = ("/static/", "/i18n/", "/accounts/logout/", "/admin/logout/")


class PageParser(HTMLParser):
    """Links (a href, hx-get) and the document outline the crawl checks."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links = []
        self.hx_links = []
        self.tags = Counter()
        self.html_lang = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags[tag] += 1
        if tag == "html":
            self.html_lang = attrs.get("lang")
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        if attrs.get("hx-get"):
            self.hx_links.append(attrs["hx-get"])


@dataclass
class Page:
    url: str
    status: int
    content_type: str = ""
    body: str = ""
    location: str = ""
    htmx: bool = False
    parser: PageParser | None = None

    @property
    def is_document(self):
        """A whole HTML page (not an htmx fragment, CSV or PDF)."""
        return "html" in self.content_type and "<html" in self.body[:500].lower()


@dataclass
class Crawl:
    role: str
    pages: dict = field(default_factory=dict)  # url (with "#htmx" for fragments) -> Page
    links: list = field(default_factory=list)  # (from_url, to_url)
    unresolvable: list = field(default_factory=list)  # (from_url, to_url)
    skipped: Counter = field(default_factory=Counter)


def internal_url(base, href):
    """The link as a path with query (no fragment), or None if it leaves the app."""
    href = href.strip()
    if not href or href.startswith(("#", "mailto:", "tel:", "javascript:", "data:")):
        return None
    url = urldefrag(urljoin(f"http://{HOST}{base}", href)).url
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or parts.netloc != HOST:
        return None
    return parts.path + (f"?{parts.query}" if parts.query else "")


class Policy:
    """What a role's crawl follows. `admin_site`: crawl the admin index and change lists;
    `admin_forms`: their add and change pages too (the hostile-input crawl posts them)."""

    def __init__(self, admin_site=False, admin_forms=False):
        self.admin_site = admin_site
        self.admin_forms = admin_forms
        self.queries_per_path = Counter()
        self.pages_per_view = Counter()
        self.csv_taken = set()  # paths whose CSV export was fetched

    def why_skipped(self, url):
        parts = urlsplit(url)
        path, query = parts.path, dict(parse_qsl(parts.query))
        if path.startswith(SKIPPED_PREFIXES):
            return "state change or asset"
        if path.startswith("/admin/"):
            if not self.admin_site:
                return "admin (admin role only)"
            # Index, app index and change lists: /admin/, /admin/app/, /admin/app/model/.
            segments = [s for s in path.split("/") if s]
            if "password" in path or "autocomplete" in path:
                return "admin change page"
            form_page = self.admin_forms and (
                (len(segments) == 4 and segments[3] == "add")
                or (len(segments) == 5 and segments[4] == "change")
            )
            if len(segments) > 3 and not form_page:
                return "admin change page"
        view = resolve(path).view_name
        if query.get("format") == "csv":
            # Every plan's export once (each strategy's data is its own: Tranås's
            # plan-wide actions broke only its export), whatever the page budgets.
            if path in self.csv_taken:
                return "csv (once per plan)"
            self.csv_taken.add(path)
            return None
        if self.pages_per_view[view] >= MAX_PAGES_PER_VIEW:
            return "more of one kind"
        if parts.query and self.queries_per_path[path] >= MAX_QUERIES_PER_PATH:
            return "query variant"
        self.pages_per_view[view] += 1
        self.queries_per_path[path] += bool(parts.query)
        return None


def fetch(client, url, htmx=False):
    headers = {"HX-Request": "true"} if htmx else {}
    response = client.get(url, headers=headers)
    content_type = response.get("Content-Type", "")
    body = ""
    if not getattr(response, "streaming", False) and "text" in content_type:
        body = response.content.decode(response.charset or "utf-8", errors="replace")
    page = Page(
        url=url,
        status=response.status_code,
        content_type=content_type,
        body=body,
        location=response.get("Location", ""),
        htmx=htmx,
    )
    if "html" in content_type:
        page.parser = PageParser()
        page.parser.feed(body)
    return page


def crawl(client, role, *, start=("/",), max_pages=400, admin_site=False, admin_forms=False):
    """Breadth-first from `start`, following every internal link the policy allows."""
    result = Crawl(role)
    policy = Policy(admin_site=admin_site, admin_forms=admin_forms)
    queue = deque((url, False) for url in start)
    queued = {(url, False) for url in start}
    while queue and len(result.pages) < max_pages:
        url, htmx = queue.popleft()
        page = fetch(client, url, htmx=htmx)
        result.pages[f"{url}#htmx" if htmx else url] = page
        targets = []
        if page.location:
            targets.append((page.location, False))
        if page.parser:
            targets += [(href, False) for href in page.parser.links]
            targets += [(href, True) for href in page.parser.hx_links]
        for href, is_htmx in targets:
            target = internal_url(url, href)
            if target is None:
                continue
            result.links.append((url, target))
            try:
                resolve(urlsplit(target).path)
            except Resolver404:
                if not target.startswith("/static/"):
                    result.unresolvable.append((url, target))
                continue
            if (target, is_htmx) in queued:
                continue
            reason = policy.why_skipped(target)
            if reason:
                result.skipped[reason] += 1
                continue
            queued.add((target, is_htmx))
            queue.append((target, is_htmx))
    return result
