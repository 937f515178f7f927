"""Page URLs (server-rendered HTML), included at the site root from config/urls.py."""

from django.urls import path

from relations import views

app_name = "pages"

urlpatterns = [
    path("", views.home, name="home"),
    path("search/", views.search, name="search"),
    path("meetings/", views.meeting_list, name="meeting_list"),
    path("meetings/<int:pk>/", views.meeting_detail, name="meeting_detail"),
    path("countries/<str:iso3>/", views.country_detail, name="country_detail"),
    path("relations/<str:pair>/", views.relation_detail, name="relation_detail"),
    path("forums/<str:acronym>/", views.forum_detail, name="forum_detail"),
]
