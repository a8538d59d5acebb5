//! `fmt --check` without keeping the output: the formatted text is
//! compared with the input as it is produced, and the comparison stops at
//! the first difference.

/// Where the comparison with the input stands (`fmt --check`).
#[derive(Debug, Clone, Copy)]
pub(super) struct Compare {
    /// Bytes of output compared (and dropped) so far.
    pub(super) at: usize,
    pub(super) differs: bool,
}

impl Compare {
    /// Compares the next `bytes` of output with the input.
    pub(super) fn feed(&mut self, src: &[u8], bytes: &[u8]) {
        let end = self.at + bytes.len();
        self.differs = self.differs || src.get(self.at..end) != Some(bytes);
        self.at = end;
    }

    /// [`Compare::feed`] with each of `parts` in turn, compared on all cores.
    pub(super) fn feed_all(&mut self, src: &[u8], parts: &[Vec<u8>]) {
        use rayon::prelude::*;
        if self.differs {
            return;
        }
        let starts: Vec<usize> = parts
            .iter()
            .scan(self.at, |at, p| {
                let start = *at;
                *at += p.len();
                Some(start)
            })
            .collect();
        self.differs = parts
            .par_iter()
            .zip(&starts)
            .any(|(p, &at)| src.get(at..at + p.len()) != Some(p.as_slice()));
        self.at += parts.iter().map(Vec::len).sum::<usize>();
    }
}
