/// The generic pathways written into every generated context. The GBV pathway has the shape of
/// the engine's basic test fixture (case management first, clinical care with the 72 h / 120 h
/// windows, shelter, police only by choice, livelihoods) with psychosocial support and legal aid
/// added; child protection, MHPSS and counter-trafficking are small versions of the pathways in
/// DOMAIN.md. All of it is fictional benchmark data.
enum BenchPathways {
    static let files: [(name: String, text: String)] = [
        ("gbv.json", gbv), ("child-protection.json", childProtection), ("mhpss.json", mhpss),
        ("counter-trafficking.json", counterTrafficking),
    ]

    static let gbv = """
        {
          "formatVersion": 1,
          "id": "gbv",
          "name": "Gender-based violence (benchmark, fictional)",
          "appliesWhen": {"concerns": ["gbv"]},
          "entry": ["case-management"],
          "steps": [
            {"id": "case-management", "name": "GBV case management", "category": "gbv.case-management", "urgency": "urgent"},
            {"id": "psychosocial", "name": "Psychosocial support", "category": "gbv.pss", "urgency": "routine", "terminal": true},
            {"id": "clinical-care", "name": "Clinical management of rape", "category": "health.cmr", "urgency": "routine",
             "when": {"incidentTypes": ["rape", "sexual-assault"]},
             "windows": [
               {"id": "hiv-pep", "name": "HIV post-exposure prophylaxis", "hours": 72, "urgency": "emergency"},
               {"id": "emergency-contraception", "name": "Emergency contraception", "hours": 120, "urgency": "emergency"}
             ], "terminal": true},
            {"id": "safety", "name": "Safe shelter", "category": "shelter.safe", "urgency": "urgent", "terminal": true,
             "when": {"incidentTypes": ["rape", "sexual-assault", "physical-assault", "forced-marriage"]}},
            {"id": "police", "name": "Police (only if the survivor chooses)", "category": "police", "urgency": "routine", "optional": true, "terminal": true,
             "note": "forensic evidence and police involvement only if the survivor chooses"},
            {"id": "legal", "name": "Legal aid", "category": "legal.aid", "urgency": "routine", "terminal": true},
            {"id": "livelihoods", "name": "Livelihoods", "category": "livelihoods", "urgency": "routine", "terminal": true}
          ],
          "links": [
            {"from": "case-management", "to": "psychosocial"},
            {"from": "case-management", "to": "clinical-care"},
            {"from": "case-management", "to": "safety"},
            {"from": "case-management", "to": "police"},
            {"from": "case-management", "to": "legal"},
            {"from": "case-management", "to": "livelihoods", "when": {"ageAtLeast": 16}}
          ]
        }

        """

    static let childProtection = """
        {
          "formatVersion": 1,
          "id": "child-protection",
          "name": "Child protection (benchmark, fictional)",
          "appliesWhen": {"ageAtMost": 17},
          "entry": ["cp-case-management"],
          "steps": [
            {"id": "cp-case-management", "name": "Child protection case management (with best interests assessment)", "category": "cp.case-management", "urgency": "urgent"},
            {"id": "ftr", "name": "Family tracing and reunification", "category": "cp.ftr", "urgency": "urgent",
             "when": {"separation": ["separated", "unaccompanied"]}},
            {"id": "alternative-care", "name": "Alternative care", "category": "cp.alternative-care", "urgency": "urgent",
             "when": {"separation": ["unaccompanied"]}, "terminal": true},
            {"id": "cp-psychosocial", "name": "Psychosocial support", "category": "mhpss.focused", "urgency": "routine", "terminal": true}
          ],
          "links": [
            {"from": "cp-case-management", "to": "ftr", "when": {"separation": ["separated", "unaccompanied"]}},
            {"from": "cp-case-management", "to": "cp-psychosocial"},
            {"from": "ftr", "to": "alternative-care"}
          ]
        }

        """

    static let mhpss = """
        {
          "formatVersion": 1,
          "id": "mhpss",
          "name": "Mental health and psychosocial support (benchmark, fictional)",
          "appliesWhen": {"concerns": ["mhpss"]},
          "entry": ["focused"],
          "steps": [
            {"id": "focused", "name": "Focused psychosocial support", "category": "mhpss.focused", "urgency": "routine",
             "escalate": [{"when": {"distressAtLeast": "severe"}, "urgency": "urgent", "reason": "severe distress"}]},
            {"id": "specialised", "name": "Specialised mental health care", "category": "mhpss.specialised", "urgency": "routine",
             "escalate": [{"when": {"anyOf": [{"suicidePlan": true}, {"psychosisSigns": true}]}, "urgency": "emergency", "reason": "suicide risk with a plan or signs of psychosis"}],
             "terminal": true}
          ],
          "links": [
            {"from": "focused", "to": "specialised", "when": {"anyOf": [{"distressAtLeast": "severe"}, {"suicidePlan": true}, {"psychosisSigns": true}]}}
          ]
        }

        """

    static let counterTrafficking = """
        {
          "formatVersion": 1,
          "id": "counter-trafficking",
          "name": "Counter-trafficking direct assistance (benchmark, fictional)",
          "appliesWhen": {"concerns": ["counter-trafficking"]},
          "entry": ["ct-assistance"],
          "steps": [
            {"id": "ct-assistance", "name": "Identification and direct assistance", "category": "ct.assistance", "urgency": "urgent"},
            {"id": "ct-shelter", "name": "Shelter with a confidential address", "category": "shelter.safe", "urgency": "urgent", "terminal": true},
            {"id": "ct-health", "name": "Health care", "category": "health.primary", "urgency": "routine", "terminal": true},
            {"id": "ct-legal", "name": "Legal assistance", "category": "legal.aid", "urgency": "routine", "terminal": true},
            {"id": "ct-documents", "name": "Civil documentation", "category": "documentation", "urgency": "routine", "terminal": true}
          ],
          "links": [
            {"from": "ct-assistance", "to": "ct-shelter"},
            {"from": "ct-assistance", "to": "ct-health"},
            {"from": "ct-assistance", "to": "ct-legal"},
            {"from": "ct-assistance", "to": "ct-documents"}
          ]
        }

        """
}
