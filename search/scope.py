"""What the site search covers: the page types, in the order results are
interleaved. The search (site_search) and its "Did you mean" vocabulary both read
it; which of their pages are private is core.privacy's."""

from case_studies.models import BestPracticePage, CaseStudyPage
from curriculum.models import ModulePage
from home.models import ContentPage
from news.models import NewsPage

# To add a page type (an event page, say), list it here and, if it has topic areas,
# tracks or a cohort year, give its lookups in site_search.FACET_LOOKUPS.
SEARCHABLE_PAGE_MODELS = (
    ModulePage,
    CaseStudyPage,
    BestPracticePage,
    NewsPage,
    ContentPage,
)
