"""CBV 2.0 vocabulary tables used to expand bare words, URNs and CURIEs.

The word lists mirror the term definitions of the EPCIS 2.0.0 JSON-LD context
(https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld), so no context is fetched at run time.
"""

CBV = "https://ref.gs1.org/cbv/"
GS1_VOC = "https://gs1.org/voc/"


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


BIZ_STEPS = _words(
    "accepting arriving assembling collecting commissioning consigning creating_class_instance cycle_counting"
    " decommissioning departing destroying disassembling dispensing encoding entering_exiting holding inspecting"
    " installing killing loading other packing picking receiving removing repackaging repairing replacing reserving"
    " retail_selling sampling sensor_reporting shipping staging_outbound stock_taking stocking storing transporting"
    " unloading unpacking void_shipping"
)
DISPOSITIONS = _words(
    "active available completeness_verified completeness_inferred conformant container_closed container_open damaged"
    " destroyed dispensed disposed encoded expired in_progress in_transit inactive mismatch_instance mismatch_class"
    " mismatch_quantity needs_replacement no_pedigree_match non_conformant non_sellable_other partially_dispensed"
    " recalled reserved retail_sold returned sellable_accessible sellable_not_accessible stolen"
    " unavailable unknown"
)
BIZ_TRANSACTION_TYPES = _words("bol cert desadv inv pedigree po poc prodorder recadv rma testprd testres upevt")
SOURCE_DESTINATION_TYPES = _words("owning_party possessing_party location")
ERROR_REASONS = _words("did_not_occur incorrect_data")
MEASUREMENT_TYPES = _words(
    "AbsoluteHumidity AbsorbedDose AbsorbedDoseRate Acceleration Radioactivity Altitude AmountOfSubstance"
    " AmountOfSubstancePerUnitVolume Angle AngularAcceleration AngularMomentum AngularVelocity Area Capacitance"
    " Conductance Conductivity Count Density Dimensionless DoseEquivalent DoseEquivalentRate DynamicViscosity"
    " ElectricCharge ElectricCurrent ElectricCurrentDensity ElectricFieldStrength Energy Exposure Force Frequency"
    " Illuminance Inductance Irradiance KinematicViscosity Length LinearMomentum Luminance LuminousFlux"
    " LuminousIntensity MagneticFlux MagneticFluxDensity MagneticVectorPotential Mass MassConcentration MassFlowRate"
    " MassPerAreaTime MemoryCapacity MolalityOfSolute MolarEnergy MolarMass MolarVolume Power Pressure RadiantFlux"
    " RadiantIntensity RelativeHumidity Resistance Resistivity SolidAngle SpecificVolume Speed SurfaceDensity"
    " SurfaceTension Temperature Time Torque Voltage Volume VolumeFlowRate VolumeFraction VolumetricFlux"
    " Wavenumber"
)
SENSOR_EXCEPTIONS = frozenset(("ALARM_CONDITION", "ERROR_CONDITION"))
COMPONENTS = _words(
    "x y z axial_distance azimuth height spherical_radius polar_angle elevation_angle easting northing latitude"
    " longitude altitude"
)


def _table(words: frozenset[str], base: str) -> dict[str, str]:
    return {word: base + word for word in words}


# Bare word -> Web URI, per field whose JSON-LD term definition is "@type": "@vocab".
BIZ_STEP_URIS = _table(BIZ_STEPS, CBV + "BizStep-")
DISPOSITION_URIS = _table(DISPOSITIONS, CBV + "Disp-")
BIZ_TRANSACTION_TYPE_URIS = _table(BIZ_TRANSACTION_TYPES, CBV + "BTT-")
SOURCE_DESTINATION_TYPE_URIS = _table(SOURCE_DESTINATION_TYPES, CBV + "SDT-")
MEASUREMENT_TYPE_URIS = _table(MEASUREMENT_TYPES, GS1_VOC)
SENSOR_EXCEPTION_URIS = _table(SENSOR_EXCEPTIONS, GS1_VOC)
COMPONENT_URIS = _table(COMPONENTS, CBV + "Comp-")

# EPCIS 1.x URN vocabularies and their CBV 2.0 Web URI equivalents (CBV 2.0 §8.9, rule 14).
URN_VOCABULARY_PREFIXES = (
    ("urn:epcglobal:cbv:bizstep:", CBV + "BizStep-"),
    ("urn:epcglobal:cbv:disp:", CBV + "Disp-"),
    ("urn:epcglobal:cbv:btt:", CBV + "BTT-"),
    ("urn:epcglobal:cbv:sdt:", CBV + "SDT-"),
    ("urn:epcglobal:cbv:er:", CBV + "ER-"),
)

# CURIE prefixes the standard context defines; rule 15 names gs1, epcis and cbv for value expansion.
STANDARD_VALUE_PREFIXES = {"gs1": GS1_VOC, "cbv": CBV, "epcis": "https://ref.gs1.org/epcis/"}
