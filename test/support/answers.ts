/** Eligibility answers that pass each seeded call's quiz (no test framework here: the bench uses them too). */
export const emergencyAnswers = {
  "applicant-type": "individual",
  country: "CO",
  "under-attack": true,
  "human-rights-work": true,
  "target-groups": ["women"],
  "funded-recently": false,
};

export const grantAnswers = {
  "organisation-type": "ngo",
  country: "TH",
  "thematic-area": "digital-security",
  "target-groups": ["lgbtqia"],
  "years-active": 7,
  "annual-budget": 20_000,
  "applied-recently": false,
};
