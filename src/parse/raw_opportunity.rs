//! An opportunity is written either as a plain string or as a table with
//! `title`, `owner` and `priority`. Serde's untagged enums would lose the
//! positions (`Spanned`) of the table's values, so this one is read by hand.

use std::fmt;

use serde::de::{self, Deserialize, Deserializer, MapAccess, Visitor};
use toml::Spanned;

use super::RawOpportunity;

impl<'de> Deserialize<'de> for RawOpportunity {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(OpportunityVisitor)
    }
}

struct OpportunityVisitor;

impl<'de> Visitor<'de> for OpportunityVisitor {
    type Value = RawOpportunity;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string or a table with `title`, `owner` and `priority`")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Ok(RawOpportunity::Text(v.to_string()))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Self::Value, E> {
        Ok(RawOpportunity::Text(v))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let (mut title, mut owner, mut priority) = (None, None, None);
        while let Some(key) = map.next_key::<String>()? {
            let slot = match key.as_str() {
                "title" => &mut title,
                "owner" => &mut owner,
                "priority" => &mut priority,
                // `schema` has reported unknown keys before serde runs.
                other => return Err(de::Error::unknown_field(other, FIELDS)),
            };
            if slot.is_some() {
                return Err(de::Error::custom(format_args!("duplicate key `{key}`")));
            }
            *slot = Some(map.next_value::<Spanned<String>>()?);
        }
        Ok(RawOpportunity::Table {
            title,
            owner,
            priority,
        })
    }
}

const FIELDS: &[&str] = &["title", "owner", "priority"];
