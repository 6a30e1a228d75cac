import pytest
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command

from readouts.management.commands import create_editor
from tests.factories import editors_group

GOOD_PASSWORD = "ceasefire-in-the-black-sea"


@pytest.fixture(autouse=True)
def editors(request):
    """The group the command puts editors in, as the migrations made it: a test that commits
    (the browser's) empties the database before whatever runs after it."""
    if request.node.get_closest_marker("django_db"):
        return editors_group()


@pytest.fixture
def typed_passwords(monkeypatch):
    """Answer getpass prompts with the given passwords, in order."""
    monkeypatch.delenv(create_editor.PASSWORD_ENV, raising=False)

    def answer(*passwords):
        replies = iter(passwords)
        monkeypatch.setattr(create_editor.getpass, "getpass", lambda prompt="": next(replies))

    return answer


@pytest.mark.django_db
def test_editor_is_staff_in_editors_group_but_not_superuser(monkeypatch):
    monkeypatch.setenv(create_editor.PASSWORD_ENV, GOOD_PASSWORD)
    call_command("create_editor", "olena", "--email", "olena@example.org")

    user = User.objects.get(username="olena")
    assert user.is_staff and not user.is_superuser
    assert list(user.groups.values_list("name", flat=True)) == ["Editors"]
    assert user.email == "olena@example.org"
    assert user.check_password(GOOD_PASSWORD)
    assert user.has_perm("readouts.change_readout")
    assert not user.has_perm("auth.add_user")


@pytest.mark.django_db
def test_password_is_asked_twice_when_not_in_environment(typed_passwords):
    typed_passwords(GOOD_PASSWORD, GOOD_PASSWORD)
    call_command("create_editor", "olena")
    assert User.objects.get(username="olena").check_password(GOOD_PASSWORD)


@pytest.mark.django_db
def test_differing_passwords_create_nobody(typed_passwords):
    typed_passwords(GOOD_PASSWORD, GOOD_PASSWORD + "x")
    with pytest.raises(CommandError, match="differ"):
        call_command("create_editor", "olena")
    assert not User.objects.filter(username="olena").exists()


@pytest.mark.django_db
def test_weak_password_is_refused_with_the_validators_reasons(monkeypatch):
    monkeypatch.setenv(create_editor.PASSWORD_ENV, "password")
    with pytest.raises(CommandError, match="too common"):
        call_command("create_editor", "olena")
    assert not User.objects.filter(username="olena").exists()


@pytest.mark.django_db
def test_existing_username_is_refused(monkeypatch):
    User.objects.create_user("olena", password=GOOD_PASSWORD)
    monkeypatch.setenv(create_editor.PASSWORD_ENV, GOOD_PASSWORD)
    with pytest.raises(CommandError, match="already exists"):
        call_command("create_editor", "olena")
    assert User.objects.filter(username="olena").count() == 1
