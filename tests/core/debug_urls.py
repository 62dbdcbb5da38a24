"""The portal's URL map as DEBUG builds it: media served from MEDIA_ROOT."""

from core.media import media_urlpatterns
from portal.urls import urlpatterns as portal_urlpatterns

urlpatterns = media_urlpatterns(debug=True) + portal_urlpatterns
