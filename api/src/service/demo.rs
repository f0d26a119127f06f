//! The demo network: a clearly labelled network with demo facilities, a
//! consent document and a poster, so that a new user can try everything at
//! once (`renkei serve --demo`). Seeding, not a use case: it calls the use
//! cases' own writing steps as the system.

use super::ServiceError;
use super::networks::{create_facility, create_network};
use crate::domain::Invalid;
use crate::domain::access::{Operation, require};
use crate::domain::actor::Actor;
use crate::domain::audit::{AuditAction, Channel, SubjectKind};
use crate::domain::facility::NewFacility;
use crate::domain::network::{NetworkCode, NewNetwork};
use crate::state::AppState;
use crate::store::audit::{self, AuditEntry};
use crate::store::networks as repo;

pub const DEMO_NETWORK_CODE: &str = "demo";

/// Seeds a clearly labelled demo network with a few demo facilities, so a new
/// user can try everything at once. Does nothing when it exists already.
/// Returns whether it seeded.
pub async fn seed_demo(state: &AppState) -> Result<bool, ServiceError> {
    let actor = Actor::System;
    require(&actor, Operation::ManageNetworks)?;
    let network = NewNetwork::parse(
        DEMO_NETWORK_CODE,
        "デモ連携ネット（体験用・実在しません）",
        Some("Demo network (for trying out; not real)"),
        true,
    )?;
    let demo = [DEMO_NETWORK_CODE.to_owned()];
    let facilities = [
        ("1410900001", "hospital", "デモ総合病院", "Demo General Hospital"),
        ("1410900002", "clinic", "デモ内科クリニック", "Demo Internal Medicine Clinic"),
        ("1430900003", "dental_clinic", "デモ歯科医院", "Demo Dental Clinic"),
        ("1440900004", "pharmacy", "デモ薬局", "Demo Pharmacy"),
        ("1460900005", "visiting_nursing_station", "デモ訪問看護ステーション", "Demo Visiting Nursing Station"),
        ("1470900006", "care_provider", "デモ居宅介護支援事業所", "Demo Care Management Office"),
    ]
    .into_iter()
    .map(|(code, kind, name, name_en)| NewFacility::parse(code, name, Some(name_en), kind, &demo, true))
    .collect::<Result<Vec<_>, _>>()?;

    // All or nothing: a half-seeded demo would never be completed.
    let tx = state.db.write().await?;
    if repo::find_network(&*tx, DEMO_NETWORK_CODE).await?.is_some() {
        return Ok(false);
    }
    let now = state.clock.now();
    create_network(&*tx, now, &actor, Channel::System, network).await?;
    for f in facilities {
        create_facility(&*tx, now, &actor, Channel::System, f).await?;
    }
    let demo_code = NetworkCode::parse(DEMO_NETWORK_CODE).map_err(|c| Invalid::one("code", c))?;
    // A consent document to agree to, and a poster to try the registration from.
    let ja =
        crate::domain::consent::parse_text(include_str!("demo/consent_ja.txt")).map_err(|c| Invalid::one("ja", c))?;
    let en =
        crate::domain::consent::parse_text(include_str!("demo/consent_en.txt")).map_err(|c| Invalid::one("en", c))?;
    super::consent_documents::create(&*tx, now, &actor, Channel::System, &demo_code, ja, en, now, false).await?;
    let clinic =
        crate::domain::facility::FacilityCode::parse("1410900002", None).map_err(|c| Invalid::one("code", c))?;
    super::entry_points::create_entry_point(
        &*tx,
        state,
        &actor,
        Channel::System,
        &demo_code,
        Some(&clinic),
        "デモ用ポスター / demo poster",
    )
    .await?;
    audit::append(
        &*tx,
        AuditEntry::new(&actor, AuditAction::DemoSeeded, Channel::System)
            .subject(SubjectKind::Network, DEMO_NETWORK_CODE),
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(true)
}
