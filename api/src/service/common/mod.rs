//! Steps that several use cases share, and nothing else: each use-case file
//! (`account`, `registration`, `proxies`, `reception`, `consents`, ...) holds
//! only its own use cases and takes the steps it shares from here, so that
//! no use case reaches into another's file and no two of them import each
//! other. A step here does not check who may act (its callers have asked
//! `domain::access`), and writes only inside the transaction it is given.

pub mod codes;
pub mod consent;
pub mod enrolment;
pub mod fhir;
pub mod networks;
pub mod passkeys;
pub mod people;
pub mod sessions;
pub mod summary;
pub mod visibility;
