//! Accounts as the rest of the program sees them: who is signed in and what they may do.

use super::{UserId, UserRole};

/// A signed-in account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct User {
    /// Its id.
    pub id: UserId,
    /// Login name.
    pub name: String,
    /// Analyst or reader.
    pub role: UserRole,
}

impl User {
    /// Whether the account may change the record (import, edit, review, resolve).
    pub fn is_analyst(&self) -> bool {
        self.role == UserRole::Analyst
    }
}
