package main

// The IANA time zone database is built in as a fallback, so that a
// mission's timeZone is understood, and its calendar gets its VTIMEZONE, on
// machines without /usr/share/zoneinfo (minimal containers, some CI
// images). Where the system has the database, Go uses the system's.
import _ "time/tzdata"
