package com.trustwatch.matter;

public enum FeeType { HOURLY, FLAT_FEE, CONTINGENCY, HYBRID }
