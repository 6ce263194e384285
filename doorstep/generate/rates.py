"""The rates the synthetic landlord is built from, each with its source (docs/generate.md).

Pure: no Django. A rate is per home per year unless its name says otherwise; a share is a
fraction of the things it qualifies. "Doorstep's assumption" marks a number no published
source gives; the rest name theirs in docs/generate.md.
"""

from __future__ import annotations

# Stock: share of homes that are flats in blocks; the rest houses and bungalows (Doorstep's
# assumption, of the order the English Housing Survey reports for social renting: see the doc).
FLAT_SHARE = 0.60
BUNGALOW_SHARE = 0.05
FLATS_PER_BLOCK = 24  # Doorstep's assumption
BLOCKS_PER_ESTATE = 6  # Doorstep's assumption

# Households: shares with someone 65+, children, a long-term illness or disability (Doorstep's
# assumptions of the order the English Housing Survey reports for social renters: see the doc).
AGE_65_SHARE = 0.30
CHILDREN_SHARE = 0.33
DISABILITY_SHARE = 0.50
MENTAL_HEALTH_SHARE = 0.12  # Doorstep's assumption (EHS does not split the conditions)
VULNERABILITY_DISCLOSED_SHARE = 0.60  # of those with one: Doorstep's assumption
VULNERABILITY_UNRECORDED_SHARE = 0.05  # of those disclosed: Doorstep's assumption

# Repairs: about 3.5 responsive repairs per home per year (the commonly cited 3 to 4); the
# split by priority is Doorstep's assumption:
REPAIRS_PER_HOME_YEAR = 3.5
PRIORITY_SHARE = {"emergency": 0.15, "urgent": 0.25, "routine": 0.60}
REPAIR_OVERDUE_SHARE = 0.08  # of non-emergency repairs; TSM RP02 returns run about 90-97% in time
# Of emergency repairs, done after their 24 hours: published TSM RP02 (2) returns run about
# 92-99% in time (see the doc); Doorstep takes 96%.
EMERGENCY_LATE_SHARE = 0.04
APPOINTMENT_SHARE = 0.85  # of non-emergency repairs: Doorstep's assumption
APPOINTMENT_MISSED_BY_LANDLORD = 0.02  # Doorstep's assumption
APPOINTMENT_MOVED = 0.08  # Doorstep's assumption
MOVED_WITHOUT_NOTICE = 0.20  # of moves: Doorstep's assumption
NOT_FIRST_TIME_FIX = 0.08  # first-time-fix rates about 90% (HouseMark): Doorstep's assumption
VERIFIED_SHARE = 0.10  # of verified jobs, by post-inspection (10%): Doorstep's assumption
UNVERIFIED_SHARE = 0.01  # completions never verified (the rest: a satisfaction call-back)
REPEAT_ELEMENT_SHARE = 0.01  # a third job for the same element in a year: assumption

# Damp and mould reports per home per year: Doorstep's assumption (see the doc).
DAMP_PER_HOME_YEAR = 0.04
HAZARD_EMERGENCY_SHARE = 0.05  # Doorstep's assumption
HAZARD_LATE_SHARE = 0.15  # Doorstep's assumption
INSPECTION_WITHOUT_REPORT = 0.10  # Doorstep's assumption

# Complaints: stage 1 about 40 per 1,000 homes a year, stage 2 about 7 (TSM CH01; published
# landlord returns run 40-70 and 5-10 per 1,000: see the doc).
STAGE1_PER_HOME_YEAR = 0.040
ESCALATION_SHARE = 0.18  # stage 2 / stage 1 from the two medians above
STAGE1_IN_TIME = 0.82  # TSM CH02: published returns run about 80-95% in time
STAGE2_IN_TIME = 0.80  # TSM CH02 (stage 2): Doorstep's assumption of the same order
NEVER_ANSWERED = 0.02  # Doorstep's assumption
NOT_ACKNOWLEDGED = 0.05  # Doorstep's assumption
EXTENDED_SHARE = 0.05  # Doorstep's assumption
COMMITMENT_SHARE = 0.50  # of responses upheld or partly: Doorstep's assumption
COMMITMENT_BROKEN = 0.10  # Doorstep's assumption
COMPENSATION_SHARE = 0.40  # of responses: Doorstep's assumption
COMPENSATION_REQUESTED = 0.30  # of complaints: Doorstep's assumption
BELOW_BAND = 0.05  # Doorstep's assumption
REQUEST_IGNORED = 0.05  # requests for compensation the response ignores: assumption
OFFER_AFTER_FINAL = 0.03  # goodwill offered after the final response: assumption
REFUND_AS_COMPENSATION = 0.01  # Doorstep's assumption
RENT_OFFSET = 0.05  # Doorstep's assumption
UNLOGGED_PER_HOME_YEAR = 0.003  # dissatisfaction never logged as a complaint: assumption

# ASB: about 40 new cases per 1,000 homes a year (TSM NM01 part 1: see the doc).
ASB_PER_HOME_YEAR = 0.040
ASB_DECLINED_SHARE = 0.10  # Doorstep's assumption
ASB_WRONGLY_DECLINED = 0.20  # of declines: "not reported to the police" (Bromford)
ASB_FAILURE_SHARE = 0.08  # risk assessment, first response or review missed: assumption

# Moves and the Ombudsman.
TRANSFER_PER_HOME_YEAR = 0.01  # management move requests: Doorstep's assumption
TRANSFER_UNDECIDED = 0.10  # Doorstep's assumption
OMBUDSMAN_PER_HOME_YEAR = 0.0007  # determinations per home: Doorstep's assumption (the doc)
ORDER_OVERDUE = 0.20  # Doorstep's assumption
