package com.trustwatch.matter;

/** Client activity tier (seed 002). Assigned from monthly billing by the tier table unless set explicitly. */
public enum Tier { TIER_1, TIER_2, TIER_3 }
