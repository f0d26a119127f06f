//! Who may do what: the one place where authorisation is decided. Every use
//! case asks [`require`] before it touches anything, and the matrix test below
//! (and the HTTP matrix test in the integration tests) pins the whole table.

use super::actor::Actor;

/// Every operation the service offers, one per use case.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Operation {
    /// Service health: public.
    ReadHealth,
    /// The list of networks and their facilities: public, as on the networks' own sites.
    ReadPublicNetworks,
    /// Create networks and facilities.
    ManageNetworks,
    /// Send operational mail (the test mail of `admin mail test`).
    SendOperatorMail,
}

impl Operation {
    pub const ALL: [Operation; 4] =
        [Self::ReadHealth, Self::ReadPublicNetworks, Self::ManageNetworks, Self::SendOperatorMail];
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum Denied {
    /// Signing in would help.
    #[error("sign-in required")]
    SignInRequired,
    /// Signed in, but this actor may not do this.
    #[error("not allowed")]
    Forbidden,
}

pub fn permits(actor: &Actor, op: Operation) -> bool {
    use Operation::*;
    match op {
        ReadHealth | ReadPublicNetworks => true,
        ManageNetworks | SendOperatorMail => matches!(actor, Actor::Operator { .. } | Actor::System),
    }
}

pub fn require(actor: &Actor, op: Operation) -> Result<(), Denied> {
    if permits(actor, op) {
        Ok(())
    } else if matches!(actor, Actor::Anonymous) {
        Err(Denied::SignInRequired)
    } else {
        Err(Denied::Forbidden)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The whole table, written out: a change to who may do what must change this test.
    #[test]
    fn matrix() {
        let actors = [
            ("anonymous", Actor::Anonymous),
            ("operator", Actor::Operator { name: "ops".into() }),
            ("system", Actor::System),
        ];
        let expected: [(Operation, [bool; 3]); 4] = [
            (Operation::ReadHealth, [true, true, true]),
            (Operation::ReadPublicNetworks, [true, true, true]),
            (Operation::ManageNetworks, [false, true, true]),
            (Operation::SendOperatorMail, [false, true, true]),
        ];
        assert_eq!(expected.len(), Operation::ALL.len());
        for (op, row) in expected {
            for ((name, actor), allowed) in actors.iter().zip(row) {
                assert_eq!(permits(actor, op), allowed, "{name} × {op:?}");
            }
        }
        assert_eq!(require(&Actor::Anonymous, Operation::ManageNetworks), Err(Denied::SignInRequired));
    }
}
