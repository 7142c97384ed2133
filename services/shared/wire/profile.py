"""A person's profile: what matching and follow-up need to know, as the form asks it and the
intake interview corrects it. Every part is optional when applying (the intake completes it);
approval needs `missing_for_matching` to be empty."""
from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from services.shared.wire.common import Language
from services.shared.wire import vocabulary as v

PARTICIPANT_ONLY = ("dutch_level", "hopes", "background")
BUDDY_ONLY = ("roles",)


def one_of(choices, **kwargs):
    return fields.String(validate=validate.OneOf(choices), **kwargs)


def choices(options, most=None, **kwargs):
    """A list of distinct codes from `options`."""
    return fields.List(one_of(options), validate=[validate.Length(max=most or len(options)),
                                                  _distinct], load_default=list, **kwargs)


def _distinct(values):
    if len(set(map(str, values))) != len(values):
        raise ValidationError("Give each answer once.")


class SpokenLanguage(Schema):
    code = Language(required=True)
    level = one_of(v.LEVELS, required=True,
                   error_messages={"required": "Choose how well you speak it."})


class Preferences(Schema):
    """Who the person would like to be paired with."""

    partner_gender = one_of(v.PARTNER_GENDERS, load_default="any")
    partner_age_min = fields.Integer(load_default=None, allow_none=True,
                                     validate=validate.Range(min=16, max=99))
    partner_age_max = fields.Integer(load_default=None, allow_none=True,
                                     validate=validate.Range(min=16, max=99))

    @validates_schema
    def ordered(self, data, **kwargs):
        low, high = data.get("partner_age_min"), data.get("partner_age_max")
        if low is not None and high is not None and low > high:
            raise ValidationError("The youngest age cannot be above the oldest.", "partner_age_max")


class ProfileFields(Schema):
    """The profile's fields; schemas that include a profile inherit them."""

    gender = one_of(v.GENDERS, load_default=None, allow_none=True)
    birth_year = fields.Integer(load_default=None, allow_none=True, validate=validate.Range(
        min=v.OLDEST_BIRTH_YEAR, max=v.youngest_birth_year(),
        error="Give your year of birth in four digits (you must be 16 or older)."))
    district = one_of(v.DISTRICT_CODES, load_default=None, allow_none=True)
    languages = fields.List(fields.Nested(SpokenLanguage), load_default=list,
                            validate=validate.Length(max=10))
    dutch_level = one_of(v.DUTCH_LEVELS, load_default=None, allow_none=True)
    availability = choices(v.SLOTS)
    interests = choices(v.INTERESTS)
    roles = choices(v.BUDDY_ROLES)
    hopes = choices(v.HOPES)
    background = one_of(v.BACKGROUNDS, load_default=None, allow_none=True)
    preferences = fields.Nested(Preferences, load_default=lambda: Preferences().load({}))

    @validates_schema
    def languages_once(self, data, **kwargs):
        codes = [spoken["code"] for spoken in data.get("languages") or []]
        if len(set(codes)) != len(codes):
            raise ValidationError("Give each language once.", "languages")


class Profile(ProfileFields):
    """The profile on its own (intake corrections, events)."""


def check_role(profile: dict, role: str):
    """Refuse the answers that belong to the other role, with a message for each."""
    other = BUDDY_ONLY if role == "participant" else PARTICIPANT_ONLY
    wrong = {name: ["Only for participants." if name in PARTICIPANT_ONLY else "Only for buddies."]
             for name in other if profile.get(name)}
    if wrong:
        raise ValidationError(wrong)


def missing_for_matching(profile: dict, role: str) -> list[str]:
    """The parts of a profile matching cannot do without (empty when complete)."""
    needed = ["gender", "birth_year", "district", "languages", "availability"]
    needed += ["dutch_level", "hopes"] if role == "participant" else ["roles"]
    return [name for name in needed if not profile.get(name)]

