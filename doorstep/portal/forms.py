"""The portal's forms, in GOV.UK wording."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from doorstep.asb.choices import Category as AsbCategory
from doorstep.core.forms import GovukForm
from doorstep.portal.services import portal_username
from doorstep.residents.choices import AdjustmentKind, ContactChannel
from doorstep.residents.models import Household, Person
from doorstep.vulnerabilities.choices import Category as VulnerabilityCategory

CONTACT_HELP = _("The email address or mobile number we have for you.")


class ResidentSignInForm(AuthenticationForm, GovukForm):
    """Django's sign-in form (django-axes counts its failures) with the email address or
    mobile number as the name."""

    username = forms.CharField(
        label=_("Email address or mobile number"),
        max_length=254,
        error_messages={"required": _("Enter your email address or mobile number")},
        widget=forms.TextInput(attrs={"autocomplete": "username", "spellcheck": "false"}),
    )
    password = forms.CharField(
        label=_("Password"),
        strip=False,
        error_messages={"required": _("Enter your password")},
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    error_messages = {
        "invalid_login": _(
            "Enter the email address or mobile number and the password of your account."
        ),
        "inactive": _("This account has been closed. Contact us to open it again."),
    }

    def clean_username(self) -> str:
        return portal_username(self.cleaned_data["username"])


class RegisterForm(GovukForm):
    tenancy = forms.CharField(
        label=_("Tenancy reference"),
        max_length=60,
        help_text=_("It is on your tenancy agreement and your rent statements."),
        error_messages={"required": _("Enter your tenancy reference")},
        widget=forms.TextInput(attrs={"spellcheck": "false"}),
    )
    contact = forms.CharField(
        label=_("Email address or mobile number"),
        max_length=254,
        help_text=CONTACT_HELP,
        error_messages={"required": _("Enter your email address or mobile number")},
        widget=forms.TextInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )


class PasswordChoiceForm(GovukForm):
    password = forms.CharField(
        label=_("Choose a password"),
        strip=False,
        help_text=_("At least 12 characters. A few words you will remember work well."),
        error_messages={"required": _("Choose a password")},
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    again = forms.CharField(
        label=_("Type the password again"),
        strip=False,
        error_messages={"required": _("Type the password again")},
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("password") and data.get("again") and data["password"] != data["again"]:
            self.add_error("again", _("The two passwords are not the same"))
        return data


class CodeForm(PasswordChoiceForm):
    code = forms.CharField(
        label=_("Code"),
        max_length=6,
        min_length=6,
        help_text=_("The 6 digits we sent you."),
        error_messages={
            "required": _("Enter the code we sent you"),
            "min_length": _("The code is 6 digits"),
        },
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )
    field_order = ["code", "password", "again"]


class _Invitee(forms.ModelChoiceField):
    """A member of the household, shown with where the invitation would go."""

    def label_from_instance(self, obj: Any) -> str:
        contact = obj.email or obj.phone
        return f"{obj.full_name} ({contact})" if contact else f"{obj.full_name} (no contact)"


class InviteForm(GovukForm):
    """Staff: whom to invite, among the household's members."""

    person = _Invitee(
        queryset=Person.objects.none(),
        label=_("Who to invite"),
        empty_label=None,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose who to invite")},
    )

    def __init__(self, *args: Any, household: Household, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = cast(_Invitee, self.fields["person"])
        field.queryset = (
            Person.objects.filter(
                Q(memberships__household=household)
                | Q(authorities__household=household, authorities__withdrawn_on__isnull=True)
            )
            .distinct()
            .order_by("pk")
        )


class MultipleFileInput(forms.ClearableFileInput):
    """A file input that takes several files (`multiple`)."""

    allow_multiple_selected = True


class PhotosField(forms.FileField):
    """Any number of photos (none is fine): each checked by its content when the report is
    written (`documents.services.document_add`), never by its name."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault(
            "widget", MultipleFileInput(attrs={"accept": "image/jpeg,image/png,image/gif"})
        )
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        files = data if isinstance(data, list | tuple) else [data] if data else []
        return [super(PhotosField, self).clean(f, initial) for f in files]


PROBLEMS = [
    ("damp_mould", _("Damp or mould")),
    ("repair", _("Something needs repairing")),
]
URGENCY_CHOICES = [
    (
        "emergency",
        _(
            "It is dangerous now: a gas smell, exposed wires, flooding, no heating or hot "
            "water in cold weather, you cannot lock your door"
        ),
    ),
    ("urgent", _("It makes your home hard to live in, but no one is in danger")),
    ("routine", _("It can wait for a normal appointment")),
]


class ReportForm(GovukForm):
    problem = forms.ChoiceField(
        label=_("What is the problem?"),
        choices=PROBLEMS,
        widget=forms.RadioSelect,
        error_messages={"required": _("Say what the problem is")},
    )
    urgency = forms.ChoiceField(
        label=_("If something needs repairing, how urgent is it?"),
        choices=URGENCY_CHOICES,
        required=False,
        widget=forms.RadioSelect,
        help_text=_(
            "We may change this when we look at it. Damp and mould has its own timescales."
        ),
    )
    location = forms.CharField(
        label=_("Where in your home?"),
        max_length=200,
        help_text=_("For example, the bathroom ceiling, or the back bedroom window."),
        error_messages={"required": _("Say where in your home the problem is")},
    )
    description = forms.CharField(
        label=_("What is wrong?"),
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": _("Say what is wrong")},
    )
    access = forms.CharField(
        label=_("When can we get in? (optional)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Days and times that suit you, and anything we should know to get in."),
    )
    photos = PhotosField(
        label=_("Photos (optional)"),
        help_text=_("JPEG, PNG or GIF. You can choose more than one."),
    )
    domain_fields = {"file": "photos"}

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("problem") == "repair" and not data.get("urgency"):
            self.add_error("urgency", _("Say how urgent it is"))
        return data


class TellForm(GovukForm):
    text = forms.CharField(
        label=_("What do you want to tell us?"),
        help_text=_(
            "Say what is wrong or what you need, in your own words. If you are unhappy with "
            "something we did or did not do, we will treat it as a complaint."
        ),
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={"required": _("Tell us what is wrong or what you need")},
    )


class EscalateForm(GovukForm):
    text = forms.CharField(
        label=_("Why are you still unhappy?"),
        help_text=_("You do not have to give reasons, but they help whoever looks at it again."),
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": _("Say why you are still unhappy, or just that you are")},
    )


POLICE_TOLD = [("yes", _("Yes")), ("no", _("No")), ("", _("I do not know"))]


class AsbForm(GovukForm):
    """Reporting anti-social behaviour, with the reporter's wish for us to wait before acting."""

    category = forms.ChoiceField(
        label=_("What kind of behaviour is it?"),
        choices=AsbCategory.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Say what kind of behaviour it is")},
    )
    text = forms.CharField(
        label=_("What happened?"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": _("Say what happened")},
    )
    location = forms.CharField(
        label=_("Where did it happen? (optional)"), required=False, max_length=300
    )
    alleged_perpetrator = forms.CharField(
        label=_("Who is it about, if you know? (optional)"),
        required=False,
        max_length=300,
    )
    police_involved = forms.ChoiceField(
        label=_("Have you told the police?"),
        choices=POLICE_TOLD,
        required=False,
        widget=forms.RadioSelect,
        help_text=_("We look into it either way."),
    )
    crime_reference = forms.CharField(
        label=_("Crime reference, if you have one (optional)"), required=False, max_length=60
    )
    delay_days = forms.IntegerField(
        label=_("Do you want us to wait before we act? (days, optional)"),
        required=False,
        min_value=0,
        max_value=90,
        help_text=_(
            "If you are worried the person would know it was you, we can wait: until then we "
            "will not write to them, visit them or warn them."
        ),
    )

    def police(self) -> bool | None:
        said = self.cleaned_data.get("police_involved")
        return {"yes": True, "no": False}.get(said or "")


class ConfirmForm(GovukForm):
    done = forms.ChoiceField(
        label=_("Is it done?"),
        choices=[("yes", _("Yes, it is done")), ("no", _("No, it is not done"))],
        widget=forms.RadioSelect,
        error_messages={"required": _("Say whether it is done")},
    )
    words = forms.CharField(
        label=_("What is not done or still wrong? (needed if it is not done)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class PreferenceForm(GovukForm):
    channel = forms.ChoiceField(
        label=_("How do you want us to contact you?"),
        choices=ContactChannel.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Say how you want us to contact you")},
    )
    language = forms.CharField(label=_("Language"), max_length=60, initial="English")
    notes = forms.CharField(
        label=_("Anything else about contacting you? (optional)"),
        required=False,
        max_length=500,
    )


class AdjustmentForm(GovukForm):
    kind = forms.ChoiceField(
        label=_("What would help you?"),
        choices=AdjustmentKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Say what would help you")},
    )
    detail = forms.CharField(
        label=_("Tell us more (optional)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class _Member(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.full_name)


class ShareForm(GovukForm):
    """A vulnerability the resident chooses to tell us about, for themselves or another member
    of the household, with their consent to record it."""

    person = _Member(
        queryset=Person.objects.none(),
        label=_("Who is it about?"),
        empty_label=None,
        widget=forms.RadioSelect,
        error_messages={"required": _("Say who it is about")},
    )
    category = forms.ChoiceField(
        label=_("What do you want us to know about?"),
        choices=VulnerabilityCategory.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose what you want us to know about")},
    )
    detail = forms.CharField(
        label=_("Tell us more, if you want to (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Only the staff who need to know can read this."),
    )
    consent = forms.BooleanField(
        label=_("I agree to you keeping this on our record, to help you look after us"),
        error_messages={"required": _("Say that you agree to us keeping it, or do not send it")},
    )

    def __init__(self, *args: Any, household: Household, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = cast(_Member, self.fields["person"])
        field.queryset = Person.objects.filter(memberships__household=household).order_by("pk")


class UnsuitableForm(GovukForm):
    words = forms.CharField(
        label=_("Why does it not suit, and when would?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("For example: I work on Tuesdays; any weekday morning after 10 would suit."),
        error_messages={"required": _("Say why it does not suit, and when would")},
    )
