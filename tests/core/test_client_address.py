"""Behind proxies, limits key on the real client, not the proxy or a forged header."""

from django.test import RequestFactory, override_settings

from core.ratelimit import client_address

factory = RequestFactory()


def request(forwarded=None, remote="10.0.0.1"):
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return factory.get("/", **extra)


def test_without_trusted_proxies_the_header_is_ignored():
    assert client_address(request("203.0.113.7")) == "10.0.0.1"


@override_settings(TRUSTED_PROXY_COUNT=1)
def test_behind_one_proxy_the_address_it_saw_is_the_client():
    assert client_address(request("203.0.113.7")) == "203.0.113.7"
    # A client that forges the header only adds entries on the left.
    assert client_address(request("1.2.3.4, 203.0.113.7")) == "203.0.113.7"


@override_settings(TRUSTED_PROXY_COUNT=2)
def test_behind_two_proxies():
    assert client_address(request("1.2.3.4, 203.0.113.7, 10.0.0.2")) == "203.0.113.7"
    assert client_address(request("203.0.113.7")) == "10.0.0.1"  # too short: not trusted


@override_settings(TRUSTED_PROXY_COUNT=1)
def test_a_malformed_header_falls_back_to_the_connection():
    for junk in ["", "not-an-ip", "²", "<script>", "999.1.1.1", ","]:
        assert client_address(request(junk)) == "10.0.0.1", junk
    assert client_address(request("2001:db8::1")) == "2001:db8::1"
