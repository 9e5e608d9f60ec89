//! A contact point between customer and company.

use super::{Meta, Reference};

/// Who controls a touchpoint (the classic owned/partner/customer/social split).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Ownership {
    Brand,
    Partner,
    Customer,
    External,
}

impl Ownership {
    pub const ALL: [&'static str; 4] = ["brand", "partner", "customer", "external"];

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "brand" => Some(Self::Brand),
            "partner" => Some(Self::Partner),
            "customer" => Some(Self::Customer),
            "external" => Some(Self::External),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        Self::ALL[self as usize]
    }
}

#[derive(Debug, Clone)]
pub struct Touchpoint {
    pub meta: Meta,
    /// A channel id from the config.
    pub channel: String,
    /// Stage ids from the config, in the order written.
    pub stages: Vec<String>,
    pub owner: Option<String>,
    pub kpis: Vec<String>,
    pub ownership: Option<Ownership>,
    /// Glossary terms it relates to, as written.
    pub terms: Vec<Reference>,
}
