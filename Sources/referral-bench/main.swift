print("referral-bench: not written yet")
