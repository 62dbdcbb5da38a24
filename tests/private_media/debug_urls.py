"""The portal's URL map as DEBUG builds it: media served from MEDIA_ROOT."""

from portal.urls import urlpatterns as portal_urlpatterns
from private_media.urls import media_urlpatterns

urlpatterns = media_urlpatterns(debug=True) + portal_urlpatterns
