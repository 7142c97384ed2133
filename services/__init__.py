"""The five Samen op pad services and the backbone they share."""

# name -> (service class, models module); the single list of services
SERVICES = {
    "intake": "services.intake.service:IntakeService",
    "matching": "services.matching.service:MatchingService",
    "followup": "services.followup.service:FollowupService",
    "events": "services.events.service:EventsService",
    "notifications": "services.notifications.service:NotificationsService",
}
