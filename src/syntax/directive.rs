//! The `$` directives: `$ORIGIN`, `$TTL`, `$INCLUDE`, `$GENERATE` (BIND)
//! and `$DATE` (BIND's dump timestamp).

use super::entry::{Cx, Fail};
use super::generate::{parse_range, Template};
use super::item::{GenerateItem, OwnedItem};
use super::SyntaxError;
use crate::dns::rdata::{self, show};
use crate::dns::RecordType;

impl Cx<'_, '_> {
    pub(super) fn expect_args(
        &mut self,
        min: usize,
        max: usize,
        usage: &'static str,
    ) -> Result<(), Fail> {
        let n = self.values.len() - 1;
        if n < min {
            let span = self.span(0);
            return Err(self.error(
                SyntaxError::new(
                    span,
                    format!("`{}` is missing its argument", show(self.text(0))),
                )
                .with_help(usage),
            ));
        }
        if n > max {
            let span = self.span(max + 1);
            return Err(self.error(
                SyntaxError::new(
                    span,
                    format!(
                        "unexpected `{}` after `{}`",
                        show(self.text(max + 1)),
                        show(self.text(0))
                    ),
                )
                .with_help(usage),
            ));
        }
        Ok(())
    }

    pub(super) fn directive(&mut self) -> Result<OwnedItem, Fail> {
        let keyword = self.text(0).to_ascii_uppercase();
        match keyword.as_slice() {
            b"$ORIGIN" => {
                self.expect_args(1, 1, "usage: $ORIGIN <domain-name>")?;
                let name = self.name(1, "origin")?;
                Ok(OwnedItem::Origin(name, self.span(1)))
            }
            b"$TTL" => {
                self.expect_args(1, 1, "usage: $TTL <ttl>, for example `$TTL 1h`")?;
                let value = self.ttl(1)?;
                Ok(OwnedItem::Ttl(value, self.span(1)))
            }
            b"$INCLUDE" => {
                self.expect_args(1, 2, "usage: $INCLUDE <file-name> [<domain-name>]")?;
                let raw = self.text(1);
                let start = self.names.len();
                let Some(path) = rdata::decode_char_string(raw) else {
                    let span = self.span(1);
                    return Err(self.error(SyntaxError::new(span, "invalid escape in file name")));
                };
                self.names.extend_from_slice(&path);
                let path_range = start..self.names.len();
                let origin = if self.values.len() > 2 {
                    Some((self.name(2, "origin")?, self.span(2)))
                } else {
                    None
                };
                Ok(OwnedItem::Include {
                    path: (path_range.start as u32, path_range.end as u32),
                    path_span: self.span(1),
                    origin,
                })
            }
            b"$GENERATE" => self.generate(),
            b"$DATE" => {
                self.expect_args(1, 1, "usage: $DATE YYYYMMDDHHMMSS")?;
                let text = self.text(1);
                if text.len() != 14 || !text.iter().all(u8::is_ascii_digit) {
                    let span = self.span(1);
                    return Err(self.error(SyntaxError::new(
                        span,
                        "invalid $DATE: expected YYYYMMDDHHMMSS",
                    )));
                }
                Ok(OwnedItem::Date)
            }
            _ => {
                let span = self.span(0);
                Err(self.error(
                    SyntaxError::new(span, format!("unknown directive `{}`", show(self.text(0))))
                        .with_help(
                            "the directives are $ORIGIN, $TTL, $INCLUDE, $GENERATE and $DATE",
                        ),
                ))
            }
        }
    }

    /// `$GENERATE range lhs [ttl] [class] type rhs`.
    pub(super) fn generate(&mut self) -> Result<OwnedItem, Fail> {
        const USAGE: &str = "usage: $GENERATE <start>-<stop>[/<step>] <lhs> [<ttl>] [<class>] <type> <rhs>; quote the rhs if it has spaces";
        if self.values.len() < 5 {
            let span = self.span(self.values.len() - 1);
            return Err(self.error(SyntaxError::new(span, "incomplete $GENERATE").with_help(USAGE)));
        }
        let range_span = self.span(1);
        let range =
            parse_range(self.text(1)).map_err(|m| self.error(SyntaxError::new(range_span, m)))?;
        let lhs_span = self.span(2);
        let lhs =
            Template::parse(self.text(2)).map_err(|m| self.error(SyntaxError::new(lhs_span, m)))?;
        let (ttl, class, i) = self.ttl_class(3)?;
        if i >= self.values.len() {
            let span = self.span(self.values.len() - 1);
            return Err(self.error(SyntaxError::new(span, "incomplete $GENERATE").with_help(USAGE)));
        }
        let rtype = match RecordType::from_text(self.text(i)) {
            Some(t) if t.is_meta() => {
                let span = self.span(i);
                return Err(self.error(SyntaxError::new(
                    span,
                    format!("$GENERATE cannot create meta type {t} records"),
                )));
            }
            Some(t) => t,
            None => return Err(self.unknown_type(i, true)),
        };
        self.layout.rtype = Some(self.values[i]);
        if i + 1 >= self.values.len() {
            let span = self.span(i);
            return Err(self.error(
                SyntaxError::new(span, "$GENERATE is missing its right-hand side").with_help(USAGE),
            ));
        }
        if i + 2 < self.values.len() {
            let span = self.span(i + 2);
            return Err(self.error(
                SyntaxError::new(
                    span,
                    format!(
                        "unexpected `{}` after the $GENERATE right-hand side",
                        show(self.text(i + 2))
                    ),
                )
                .with_help(USAGE),
            ));
        }
        let rhs_span = self.span(i + 1);
        let rhs = Template::parse(self.text(i + 1))
            .map_err(|m| self.error(SyntaxError::new(rhs_span, m)))?;
        Ok(OwnedItem::Generate(Box::new(GenerateItem {
            range,
            range_span,
            lhs,
            lhs_span,
            ttl,
            class,
            rtype,
            rhs,
            rhs_span,
        })))
    }
}

pub(super) fn is_directive_keyword(text: &[u8]) -> bool {
    const KEYWORDS: &[&[u8]] = &[b"$ORIGIN", b"$TTL", b"$INCLUDE", b"$GENERATE"];
    KEYWORDS.iter().any(|k| k.eq_ignore_ascii_case(text))
}
