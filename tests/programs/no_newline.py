import sys

print("first")
sys.stdout.write("unterminated")
