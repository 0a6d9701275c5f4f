/**
 * The facts a Drools session reasons over and the action proposals it returns. Plain Java only:
 * nothing here imports Drools or Micronaut, so the same facts feed the plain-Java baseline and tests.
 */
package com.trustwatch.decision;
