"""The checklists a life event sets off: each item becomes a person's task when the event is recorded.

An item names who does it: the officer holding the client's case, or the property team (its officer
holding the client's property case; when the property team does not hold the client, the client affairs
officer is asked to refer the client to it). Where the Ombudsman has found fault for a
step being missed, the item says so."""

from __future__ import annotations

from dataclasses import dataclass

from deputyship.lifeevents.choices import LifeEventKind

OFFICER = "officer"
PROPERTY_TEAM = "property_team"


@dataclass(frozen=True)
class ChecklistItem:
    key: str
    title: str
    due_in_days: int
    who: str = OFFICER
    why: str = ""


SHROPSHIRE = "Ombudsman: Shropshire 23 007 164 (benefits, utilities and rent not stopped on moving into care)."

CHECKLISTS: dict[str, tuple[ChecklistItem, ...]] = {
    LifeEventKind.MOVING_INTO_CARE: (
        ChecklistItem("benefits", "Tell the DWP of the move: stop or change benefits (Housing Benefit, "
                      "Attendance Allowance, Pension Credit)", 7, why=SHROPSHIRE),
        ChecklistItem("utilities", "Stop or change the utilities at the former home (gas, electricity, water, "
                      "broadband, TV licence)", 7, why=SHROPSHIRE),
        ChecklistItem("rent", "Give notice on the tenancy or stop the rent", 7, why=SHROPSHIRE),
        ChecklistItem("council_tax", "Tell the council tax office (the home may be exempt)", 7),
        ChecklistItem("insurance", "Tell the home and contents insurers the home is empty", 7),
        ChecklistItem("post", "Redirect the post to the client affairs team", 7),
        ChecklistItem("property", "Property team: secure the home, its keys, valuables and an inventory", 5,
                      who=PROPERTY_TEAM),
        ChecklistItem("care_charges", "Set up the care charges and personal expenses allowance", 14),
    ),
    LifeEventKind.HOSPITAL_ADMISSION: (
        ChecklistItem("benefits", "Tell the DWP of the hospital stay (some benefits change during a long stay)", 7),
        ChecklistItem("home", "Check the home is secure and bills are paid while the client is away", 5),
    ),
}
