//! Family proxies over HTTP: the people one acts for, registering a person
//! to act for, one's own proxies and invitations, accepting an invitation,
//! claiming one's own sign-in, and hiding records from proxies.
//!
//! Acting for someone is not an endpoint: any `/me…` call with the header
//! `Renkei-Acting-For: {linkId}` acts for that link's person (see
//! `session::actor`).
//!
//! One file per use case, as in `service::proxies`; what more than one of
//! them answers with is in `views`.

pub mod claims;
pub mod invitations;
pub mod my_proxies;
pub mod people;
pub mod revocation;
pub mod views;
pub mod visibility;

/// The proxies' operations (each file's own).
pub type ProxiesApi = (
    people::PeopleApi,
    my_proxies::MyProxiesApi,
    revocation::RevocationApi,
    invitations::InvitationsApi,
    claims::ClaimsApi,
    visibility::VisibilityApi,
);

/// The value of [`ProxiesApi`].
pub const API: ProxiesApi = (
    people::PeopleApi,
    my_proxies::MyProxiesApi,
    revocation::RevocationApi,
    invitations::InvitationsApi,
    claims::ClaimsApi,
    visibility::VisibilityApi,
);
