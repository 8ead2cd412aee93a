"""sitroom.extract.events"""
