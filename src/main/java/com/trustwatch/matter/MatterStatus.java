package com.trustwatch.matter;

public enum MatterStatus { OPEN, CLOSED }
