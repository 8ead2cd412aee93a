"""sitroom.export"""
