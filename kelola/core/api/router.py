"""The one API router; each domain registers its viewsets in its `api.py`."""

from rest_framework.routers import DefaultRouter

router = DefaultRouter()
