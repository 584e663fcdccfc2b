from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from opop.accounts import views
from opop.accounts.password_reset import ThrottledPasswordResetView

app_name = "accounts"

urlpatterns = [
    path("opd/", views.opd_list, name="opd_list"),
]

# Django's own auth views, at the standard names the templates and LOGIN_URL use.
auth_urlpatterns = [
    path("akun/masuk/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("akun/keluar/", auth_views.LogoutView.as_view(), name="logout"),
    path("akun/ubah-sandi/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path("akun/ubah-sandi/selesai/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    path("akun/reset-sandi/", ThrottledPasswordResetView.as_view(), name="password_reset"),
    path("akun/reset-sandi/terkirim/", auth_views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path(
        "akun/reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(success_url=reverse_lazy("password_reset_complete")),
        name="password_reset_confirm",
    ),
    path("akun/reset/selesai/", auth_views.PasswordResetCompleteView.as_view(), name="password_reset_complete"),
]
