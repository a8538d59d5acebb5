//! `$GENERATE range lhs [ttl] [class] type rhs`, expanded as BIND does,
//! within the limits of one directive and of the zone.

use super::{record_flags, Loader, MAX_GENERATE, MAX_GENERATED};
use crate::dns::name::{parse_presentation, Form};
use crate::source::{FileId, Span};
use crate::syntax::generate::MAX_COUNTER;
use crate::syntax::{self, GenerateItem, NameText};

impl Loader<'_> {
    pub(super) fn generate(&mut self, file: FileId, index: u16, span: Span, g: &GenerateItem) {
        let count = g.range.len();
        if count > MAX_GENERATE {
            self.error(
                file,
                g.range_span,
                format!(
                    "$GENERATE range makes {count} records; at most {MAX_GENERATE} are allowed"
                ),
            )
            .help = Some("split the range into several $GENERATE lines".into());
            return;
        }
        if self.generated + count > MAX_GENERATED {
            self.error(
                file,
                g.range_span,
                format!(
                    "$GENERATE would bring the zone past {MAX_GENERATED} generated records \
                     ({} so far); not expanded",
                    self.generated
                ),
            )
            .help = Some("write a zone this large out in full".into());
            return;
        }
        self.generated += count;
        debug_assert!(g.range.stop <= MAX_COUNTER);
        if self.class_for(file, span, g.class, None).is_none() {
            return;
        }
        let mut lhs = Vec::new();
        let mut rhs = Vec::new();
        let mut buf = std::mem::take(&mut self.rdata_buf);
        for it in g.range.iter() {
            if let Err(m) = g.lhs.expand(it, &mut lhs) {
                self.error(file, g.lhs_span, m);
                break;
            }
            if let Err(m) = g.rhs.expand(it, &mut rhs) {
                self.error(file, g.rhs_span, m);
                break;
            }
            let owner = if lhs == b"@" {
                NameText::Origin
            } else {
                self.scratch.clear();
                match parse_presentation(&lhs, &mut self.scratch) {
                    Ok(Form::Absolute) => NameText::Absolute(&[]),
                    Ok(Form::Relative) => NameText::Relative(&[]),
                    Err(e) => {
                        self.error(
                            file,
                            g.lhs_span,
                            format!(
                                "generated owner `{}` is invalid: {e}",
                                String::from_utf8_lossy(&lhs)
                            ),
                        );
                        break;
                    }
                }
            };
            let scratch = std::mem::take(&mut self.scratch);
            let owner = match owner {
                NameText::Absolute(_) => NameText::Absolute(&scratch),
                NameText::Relative(_) => NameText::Relative(&scratch),
                NameText::Origin => NameText::Origin,
            };
            let relative_owner = matches!(owner, NameText::Relative(_));
            let owner = self.resolve(file, owner, g.lhs_span, "generated owner");
            self.scratch = scratch;
            let Some(owner) = owner else { break };
            if let Err(e) = syntax::encode_rdata_text(g.rtype, &rhs, g.rhs_span, &mut buf) {
                let d = e.into_diagnostic(file);
                let message = format!(
                    "generated {} data `{}` is invalid: {}",
                    g.rtype,
                    String::from_utf8_lossy(&rhs),
                    d.message
                );
                self.error(file, g.rhs_span, message);
                break;
            }
            if !self.in_zone(owner, file, g.lhs_span) {
                break;
            }
            self.push_record(
                file,
                index,
                span,
                owner,
                g.rtype,
                g.ttl,
                buf.as_rdata(),
                record_flags::GENERATED
                    | if relative_owner {
                        record_flags::RELATIVE_OWNER
                    } else {
                        0
                    },
            );
        }
        self.rdata_buf = buf;
    }
}
