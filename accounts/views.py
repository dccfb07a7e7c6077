"""Sign-up, log-in and profile pages. Django's auth views do the heavy lifting."""

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters
from wagtail.admin.views.account import LoginView as WagtailLoginView

from core.http import error_page, methods, post_only
from core.languages import LANGUAGE_CODES, in_language, set_language_cookie
from core.ratelimit import over_limit

from .forms import EmailAuthenticationForm, ProfileForm, QueuedPasswordResetForm, SignUpForm

# Generous: a whole training room often signs up at once from one network.
SIGN_UPS_PER_HOUR = 60
RESETS_PER_HOUR = 20
RESETS_PER_EMAIL_PER_HOUR = 3


def _safe_next(request) -> str | None:
    target = request.POST.get("next") or request.GET.get("next")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return None


@sensitive_post_parameters("password1", "password2")
@methods("GET", "POST")
def signup(request):
    """Create an account and sign the new learner in."""
    if request.user.is_authenticated:
        return redirect("courses:dashboard")
    form = SignUpForm(
        request.POST if request.method == "POST" else None,
        initial={"preferred_language": get_language()},
    )
    if request.method == "POST" and over_limit(
        request, scope="sign-up", limit=SIGN_UPS_PER_HOUR, window_seconds=3600
    ):
        form.add_error(
            None,
            _(
                "Too many accounts were created from your network in the last hour. "
                "Try again later."
            ),
        )
        context = {"form": form, "next": _safe_next(request)}
        return render(request, "accounts/signup.html", context, status=429)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, _("Welcome! Your account has been created."))
        return _in_preferred_language(
            user, _safe_next(request) or reverse("courses:dashboard"), request
        )
    return render(request, "accounts/signup.html", {"form": form, "next": _safe_next(request)})


@login_required
@methods("GET", "POST")
def profile(request):
    """Let a learner correct their own profile, e.g. the name on certificates."""
    form = ProfileForm(request.POST if request.method == "POST" else None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        with translation.override(user.preferred_language or get_language()):
            messages.success(request, _("Your profile has been saved."))
        return _in_preferred_language(user, reverse("accounts:profile"), request)
    return render(request, "accounts/profile.html", {"form": form})


def _in_preferred_language(user, url: str, request):
    """Redirect to ``url`` in the learner's preferred language, and remember it."""
    code = user.preferred_language
    if code not in LANGUAGE_CODES:
        return redirect(url)
    response = redirect(in_language(url, code) if url.startswith("/") else url)
    set_language_cookie(response, code)
    return response


@post_only
def switch_language(request):
    """Show the site in another language from now on (the switcher's buttons).

    A signed-in learner's choice is kept in their profile (certificates are printed in
    it too); everyone's is kept in a cookie. Visitors' switcher is a plain link, which
    the cookie middleware remembers just the same.
    """
    code = request.POST.get("language", "")
    if code not in LANGUAGE_CODES:
        return error_page(request, 400, _("Choose one of the site's languages."))
    target = _safe_next(request) or "/"
    if request.user.is_authenticated and request.user.preferred_language != code:
        request.user.preferred_language = code
        request.user.save(update_fields=["preferred_language"])
    response = redirect(in_language(target, code))
    set_language_cookie(response, code)
    return response


class ThrottledLoginMixin:
    """A refused sign-in (too many failures) answers 429 Too Many Requests."""

    def form_invalid(self, form):
        response = super().form_invalid(form)
        if getattr(form, "throttled", False):
            response.status_code = 429
        return response


class LoginView(ThrottledLoginMixin, auth_views.LoginView):
    form_class = EmailAuthenticationForm
    template_name = "accounts/login.html"
    redirect_authenticated_user = True

    def form_valid(self, form):
        super().form_valid(form)
        return _in_preferred_language(form.get_user(), self.get_success_url(), self.request)


class PasswordResetView(auth_views.PasswordResetView):
    form_class = QueuedPasswordResetForm
    template_name = "accounts/password_reset_form.html"
    email_template_name = "accounts/password_reset_email.txt"
    subject_template_name = "accounts/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")

    def form_valid(self, form):
        # Per address and per email: nobody can flood an inbox or the mail server.
        email = form.cleaned_data["email"]
        if over_limit(
            self.request, scope="password-reset", limit=RESETS_PER_HOUR, window_seconds=3600
        ) or over_limit(
            self.request,
            scope="password-reset-email",
            limit=RESETS_PER_EMAIL_PER_HOUR,
            window_seconds=3600,
            key=email,
        ):
            form.add_error(None, _("Too many password reset requests. Try again in an hour."))
            return self.render_to_response(self.get_context_data(form=form), status=429)
        return super().form_valid(form)


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")


class AdminLoginView(ThrottledLoginMixin, WagtailLoginView):
    """Wagtail's admin sign-in (its form is ``WAGTAILADMIN_USER_LOGIN_FORM``)."""
