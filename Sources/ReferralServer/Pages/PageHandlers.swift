import Foundation
import ReferralCore

/// The pages for people.
extension ReferralApp {
    func casePage(_ r: HTTPRequest) -> HTTPResponse { .html("<!DOCTYPE html><title>Referral Router</title>") }
    func searchPage(_ r: HTTPRequest) -> HTTPResponse { .html("<!DOCTYPE html><title>Search</title>") }
    func validatePage(_ r: HTTPRequest) -> HTTPResponse { .html("<!DOCTYPE html><title>Validate</title>") }
    func reloadForm(_ r: HTTPRequest) -> HTTPResponse { .redirect("/validate") }
    func referralForm(_ r: HTTPRequest) -> HTTPResponse { .html("<!DOCTYPE html><title>Form</title>") }
}
