"""Matching's news about people, kept for their status pages."""
from services.intake import matches
from services.shared.handlers import on_event


class MatchEntrypoints:
    @on_event("matching", "match_proposed")
    def note_match_proposed(self, event):
        matches.note(self.db, event, "proposed")

    @on_event("matching", "match_declined")
    def note_match_declined(self, event):
        matches.note(self.db, event, None)

    @on_event("matching", "duo_formed")
    def note_duo_formed(self, event):
        matches.note(self.db, event, "in_duo", event.data["started_on"])

    @on_event("matching", "duo_ended")
    def note_duo_ended(self, event):
        matches.note(self.db, event, "ended")
