//! Which view is on screen, and which of the clerk's lists has the keys.

/// Which screen the keys and the drawing are for.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum View {
    #[default]
    Chair,
    Clerk,
}

/// The list in the clerk's view that Up/Down, Enter and Delete work on.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Section {
    #[default]
    Positions,
    Commitments,
    Motions,
    ActionPoints,
    Notes,
}

impl View {
    /// Whose actions `u` and `Ctrl-R` take back in this view.
    pub fn role(self) -> crate::meeting::Role {
        match self {
            View::Chair => crate::meeting::Role::Chair,
            View::Clerk => crate::meeting::Role::Clerk,
        }
    }
}

impl Section {
    pub const ALL: [Section; 5] = [
        Section::Positions,
        Section::Commitments,
        Section::Motions,
        Section::ActionPoints,
        Section::Notes,
    ];

    pub(crate) fn step(self, by: isize) -> Section {
        let i = Self::ALL.iter().position(|s| *s == self).unwrap_or(0) as isize;
        let n = Self::ALL.len() as isize;
        Self::ALL[(i + by).rem_euclid(n) as usize]
    }
}
