"""Create an editor: a staff user in the Editors group, who can enter readouts but not manage users."""

import getpass
import os

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

PASSWORD_ENV = "READOUTS_EDITOR_PASSWORD"


class Command(BaseCommand):
    help = f"Create an editor account. Asks for the password, or reads it from {PASSWORD_ENV}."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--email", default="")

    def handle(self, *args, username, email, **options):
        User = get_user_model()
        if User.objects.filter(username=username).exists():
            raise CommandError(f"A user named {username!r} already exists.")
        try:
            editors = Group.objects.get(name="Editors")
        except Group.DoesNotExist:
            raise CommandError("The Editors group does not exist: run `manage.py migrate` first.")

        password = self.read_password()
        user = User(username=username, email=email, is_staff=True)
        try:
            validate_password(password, user)
        except ValidationError as error:
            raise CommandError("Password refused: " + " ".join(error.messages))

        with transaction.atomic():
            user.set_password(password)
            user.save()
            user.groups.add(editors)
        self.stdout.write(self.style.SUCCESS(f"Editor {username!r} created."))

    def read_password(self):
        if PASSWORD_ENV in os.environ:
            return os.environ[PASSWORD_ENV]
        try:
            password = getpass.getpass("Password: ")
            again = getpass.getpass("Password (again): ")
        except (EOFError, KeyboardInterrupt):
            raise CommandError(f"No password given; set {PASSWORD_ENV} to run without a terminal.")
        if password != again:
            raise CommandError("The two passwords differ.")
        return password
