package main

func main() {
	grid := make([][]int, 3)
	for i := 0; i < 3; i++ {
		grid[i] = make([]int, 3)
	}
	grid[1][2] = 5
	println(grid[1][2])
}
