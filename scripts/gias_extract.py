"""Write a fictional GIAS establishment extract in the exact shape GIAS publishes (edubasealldata CSV): the real
column names in the real order, Windows-1252 text, DD-MM-YYYY dates, every field quoted. Used by the tests and by
scripts/bench_gias.py; every school in it is invented."""
from __future__ import annotations

import csv
import random
from pathlib import Path

_SEN = [f"SEN{i} (name)" for i in range(1, 14)]
COLUMNS = [
    "URN", "LA (code)", "LA (name)", "EstablishmentNumber", "EstablishmentName", "TypeOfEstablishment (code)",
    "TypeOfEstablishment (name)", "EstablishmentTypeGroup (code)", "EstablishmentTypeGroup (name)",
    "EstablishmentStatus (code)", "EstablishmentStatus (name)", "ReasonEstablishmentOpened (code)",
    "ReasonEstablishmentOpened (name)", "OpenDate", "ReasonEstablishmentClosed (code)",
    "ReasonEstablishmentClosed (name)", "CloseDate", "PhaseOfEducation (code)", "PhaseOfEducation (name)",
    "StatutoryLowAge", "StatutoryHighAge", "Boarders (code)", "Boarders (name)", "NurseryProvision (name)",
    "OfficialSixthForm (code)", "OfficialSixthForm (name)", "Gender (code)", "Gender (name)",
    "ReligiousCharacter (code)", "ReligiousCharacter (name)", "ReligiousEthos (name)", "Diocese (code)",
    "Diocese (name)", "AdmissionsPolicy (code)", "AdmissionsPolicy (name)", "SchoolCapacity",
    "SpecialClasses (code)", "SpecialClasses (name)", "CensusDate", "NumberOfPupils", "NumberOfBoys",
    "NumberOfGirls", "PercentageFSM", "TrustSchoolFlag (code)", "TrustSchoolFlag (name)", "Trusts (code)",
    "Trusts (name)", "SchoolSponsorFlag (name)", "SchoolSponsors (name)", "FederationFlag (name)",
    "Federations (code)", "Federations (name)", "UKPRN", "FEHEIdentifier", "FurtherEducationType (name)",
    "OfstedLastInsp", "OfstedSpecialMeasures (code)", "OfstedSpecialMeasures (name)", "LastChangedDate", "Street",
    "Locality", "Address3", "Town", "County (name)", "Postcode", "SchoolWebsite", "TelephoneNum",
    "HeadTitle (name)", "HeadFirstName", "HeadLastName", "HeadPreferredJobTitle", "BSOInspectorateName (name)",
    "InspectorateReport", "DateOfLastInspectionVisit", "NextInspectionVisit", "TeenMoth (name)", "TeenMothPlaces",
    "CCF (name)", "SENPRU (name)", "EBD (name)", "PlacesPRU", "FTProv (name)", "EdByOther (name)",
    "Section41Approved (name)", *_SEN, "TypeOfResourcedProvision (name)", "ResourcedProvisionOnRoll",
    "ResourcedProvisionCapacity", "SenUnitOnRoll", "SenUnitCapacity", "GOR (code)", "GOR (name)",
    "DistrictAdministrative (code)", "DistrictAdministrative (name)", "AdministrativeWard (code)",
    "AdministrativeWard (name)", "ParliamentaryConstituency (code)", "ParliamentaryConstituency (name)",
    "UrbanRural (code)", "UrbanRural (name)", "GSSLACode (name)", "Easting", "Northing", "MSOA (name)",
    "LSOA (name)", "InspectorateName (name)", "SENStat", "SENNoStat", "BoardingEstablishment (name)", "PropsName",
    "PreviousLA (code)", "PreviousLA (name)", "PreviousEstablishmentNumber", "OfstedRating (name)",
    "RSCRegion (name)", "Country (name)", "UPRN", "SiteName", "QABName (code)", "QABName (name)",
    "EstablishmentAccredited (code)", "EstablishmentAccredited (name)", "QABReport", "CHNumber", "MSOA (code)",
    "LSOA (code)", "FSM", "AccreditationExpiryDate",
]
# (GIAS type, GIAS phase) pairs covering every register phase, including the ones only the type decides
KINDS = [("Community school", "Primary"), ("Academy converter", "Secondary"), ("Foundation school", "All-through"),
         ("Local authority nursery school", "Nursery"), ("Community special school", "Not applicable"),
         ("Pupil referral unit", "Not applicable"), ("Academy alternative provision converter", "Not applicable"),
         ("Sixth form centres", "16 plus"), ("Voluntary aided school", "Middle deemed primary"),
         ("Academy sponsor led", "Middle deemed secondary"), ("Free schools", "Primary")]


def row(urn: str, name: str, la: str, gias_type: str, phase: str, status: str = "Open", close: str = "",
        rng: random.Random | None = None) -> dict:
    rng = rng or random.Random(int(urn))
    r = {c: "" for c in COLUMNS}
    r.update({"URN": urn, "LA (code)": "312", "LA (name)": la, "EstablishmentNumber": str(rng.randint(1000, 7999)),
              "EstablishmentName": name, "TypeOfEstablishment (name)": gias_type, "TypeOfEstablishment (code)": "1",
              "EstablishmentTypeGroup (name)": "Local authority maintained schools",
              "EstablishmentStatus (name)": status, "EstablishmentStatus (code)": "2" if status == "Closed" else "1",
              "CloseDate": close, "PhaseOfEducation (name)": phase, "OpenDate": "01-09-1974",
              "StatutoryLowAge": "4", "StatutoryHighAge": "11", "Street": f"{rng.randint(1, 200)} Any Road",
              "Town": "Uxbridge", "Postcode": "UB8 1ZZ", "SchoolWebsite": "https://example.org",
              "Country (name)": "United Kingdom", "Easting": str(rng.randint(500000, 520000)),
              "Northing": str(rng.randint(180000, 190000)), "NumberOfPupils": str(rng.randint(50, 1500)),
              "HeadFirstName": "Alex", "HeadLastName": "Example", "LastChangedDate": "14-11-2026"})
    return r


def write_extract(path: Path, rows: list[dict], encoding: str = "cp1252", bom: bool = False) -> Path:
    with open(path, "w", encoding=encoding, newline="") as fh:
        if bom:
            fh.write("\ufeff")
        w = csv.DictWriter(fh, fieldnames=COLUMNS, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
        w.writeheader()
        w.writerows(rows)
    return path
