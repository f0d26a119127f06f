//! Clinic reception over HTTP: staff enrolment and sign-in (their own
//! cookie, `renkei_staff`, 15 idle minutes), and the paper forms they enter
//! for their facility. Nothing here returns medical data.
//!
//! One file per use case, as in `service::reception`; what more than one of
//! them answers with is in `views`.

pub mod duplicates;
pub mod entries;
pub mod paper_registration;
pub mod proxy_confirmation;
pub mod reissue;
pub mod staff_accounts;
pub mod views;
pub mod withdrawal;

/// Reception's operations (each file's own).
pub type ReceptionApi = (
    staff_accounts::StaffAccountsApi,
    duplicates::DuplicatesApi,
    paper_registration::PaperRegistrationApi,
    withdrawal::WithdrawalApi,
    entries::EntriesApi,
    reissue::ReissueApi,
    proxy_confirmation::ProxyConfirmationApi,
);

/// The value of [`ReceptionApi`].
pub const API: ReceptionApi = (
    staff_accounts::StaffAccountsApi,
    duplicates::DuplicatesApi,
    paper_registration::PaperRegistrationApi,
    withdrawal::WithdrawalApi,
    entries::EntriesApi,
    reissue::ReissueApi,
    proxy_confirmation::ProxyConfirmationApi,
);
