from django.db import models


class SaleStatus(models.TextChoices):
    COURT_APPLICATION = "court", "Waiting for the court's permission"
    AUTHORISED = "authorised", "Authority to sell confirmed"
    ON_MARKET = "marketing", "On the market"
    UNDER_OFFER = "offer", "Offer accepted"
    EXCHANGED = "exchanged", "Contracts exchanged"
    COMPLETED = "completed", "Completed"
    WITHDRAWN = "withdrawn", "Withdrawn"


IN_PROGRESS = (SaleStatus.COURT_APPLICATION, SaleStatus.AUTHORISED, SaleStatus.ON_MARKET, SaleStatus.UNDER_OFFER,
               SaleStatus.EXCHANGED)


class OfferStatus(models.TextChoices):
    PENDING = "pending", "Waiting for a decision"
    ACCEPTED = "accepted", "Accepted"
    REJECTED = "rejected", "Rejected"
