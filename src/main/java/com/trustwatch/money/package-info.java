/**
 * Money: dollars at cent scale, parsed and formatted in one place.
 */
package com.trustwatch.money;
