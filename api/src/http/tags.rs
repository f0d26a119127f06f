//! The API's version and the groups its operations are listed under, for
//! every operation's file to name without reaching back into the router.

use poem_openapi::Tags;

/// The API's version string, fixed in the spec; it changes when the API does.
pub const API_VERSION: &str = "0.1.0";

#[derive(Tags)]
pub enum ApiTags {
    /// Service status
    Status,
    /// Networks and their participating facilities (public)
    Networks,
    /// The QR codes on posters and leaflets that start a registration (public)
    EntryPoints,
    /// Registering from an entry point: details, consent, address, passkey
    Registration,
    /// Signing in and out, recovery, and the resident's own account
    Account,
    /// The resident's medication and allergy summary, emergency card and export
    HealthRecord,
    /// The resident's consents over time, and their rights over their data
    Consents,
    /// Data sent in by facilities' systems (FHIR JP Core, JAHIS), with an API key
    Intake,
    /// Family acting for a person: registering them, invitations, revocation,
    /// claiming one's own sign-in. Any `/me…` call with the header
    /// `Renkei-Acting-For: {linkId}` acts for that link's person.
    Proxies,
    /// Clinic reception: staff sign-in (their own cookie) and the paper forms they enter
    Reception,
    /// Facilities' clinical staff opening a resident's shared record, under the network's rules
    SharedRecords,
    /// Who looked at the resident's record, the facilities that may look,
    /// the registration QR that lets a facility look, and alerts
    MyAccess,
}
