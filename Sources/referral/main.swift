import ReferralCore
print("placeholder")
