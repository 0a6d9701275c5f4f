package com.trustwatch.matter;

public enum RetainerType { EVERGREEN, ONE_TIME }
